# python.sh: sourced by the scripts that plot.  Sets PYTHON to a Python 3
# that has matplotlib: $PYTHON if the caller (make) gave one, else
# Debian's /usr/bin/python3 (a python3 earlier in PATH, e.g. pyenv's,
# may lack python3-matplotlib), else python3.
if [ -z "$PYTHON" ]; then
	for p in /usr/bin/python3 python3; do
		if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import matplotlib' >/dev/null 2>&1; then
			PYTHON=$p
			break
		fi
	done
fi
if [ -z "$PYTHON" ]; then
	echo "no Python 3 with matplotlib (Debian: apt-get install python3-matplotlib)" >&2
	PYTHON=python3
fi
export PYTHON MPLBACKEND=Agg
