#!/usr/bin/env python3
"""xclose.py WINDOW-ID: ask an X window to close, as a window manager
does when its close button is pressed: a WM_DELETE_WINDOW client
message (ICCCM 4.2.8.1).  Xvfb has no window manager to send it, and
xdotool of Debian 12 can only destroy or kill.  Uses libX11 by ctypes."""
import ctypes
import sys

X = ctypes.CDLL('libX11.so.6')
X.XOpenDisplay.restype = ctypes.c_void_p
X.XOpenDisplay.argtypes = [ctypes.c_char_p]
X.XInternAtom.restype = ctypes.c_ulong
X.XInternAtom.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int]
X.XSendEvent.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_long,
                         ctypes.c_void_p]
X.XFlush.argtypes = [ctypes.c_void_p]
X.XCloseDisplay.argtypes = [ctypes.c_void_p]
CLIENT_MESSAGE = 33


class ClientMessage(ctypes.Structure):
    _fields_ = [('type', ctypes.c_int), ('serial', ctypes.c_ulong),
                ('send_event', ctypes.c_int), ('display', ctypes.c_void_p),
                ('window', ctypes.c_ulong), ('message_type', ctypes.c_ulong),
                ('format', ctypes.c_int), ('data', ctypes.c_long * 5)]


class Event(ctypes.Union):
    _fields_ = [('xclient', ClientMessage), ('pad', ctypes.c_long * 24)]


def main():
    win = int(sys.argv[1], 0)
    dpy = X.XOpenDisplay(None)
    if not dpy:
        sys.exit('xclose.py: cannot open the display')
    ev = Event()
    ev.xclient.type = CLIENT_MESSAGE
    ev.xclient.window = win
    ev.xclient.message_type = X.XInternAtom(dpy, b'WM_PROTOCOLS', 0)
    ev.xclient.format = 32
    ev.xclient.data[0] = X.XInternAtom(dpy, b'WM_DELETE_WINDOW', 0)
    if not X.XSendEvent(dpy, win, 0, 0, ctypes.byref(ev)):
        sys.exit('xclose.py: XSendEvent failed')
    X.XFlush(dpy)
    X.XCloseDisplay(dpy)


if __name__ == '__main__':
    main()
