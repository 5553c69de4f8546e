/*
 * dev/dev.h: the devices of the testmips map (hw/testmips.h) and the
 * helpers they share.  Each device file has one *_attach function that
 * registers its registers on the bus and its timers.
 */
#ifndef SIM_DEV_H
#define SIM_DEV_H

#include "../core.h"

/* Register a device; its state (state_size bytes, zeroed) is allocated
 * here.  Returns the device, or NULL when the table is full. */
struct device *dev_add(struct machine *m, const char *name, uint32_t base,
                       uint32_t size, size_t state_size,
                       int (*read)(struct machine *, struct device *, uint32_t, int, uint32_t *),
                       int (*write)(struct machine *, struct device *, uint32_t, int, uint32_t));
/* A device event for observers (tracer): "console" "putc" 'a'. */
void dev_event(struct machine *m, const char *dev, const char *what, uint32_t val);

void console_attach(struct machine *m);
void console_flush(struct machine *m);
bool console_input_ended(struct machine *m);
void mp_attach(struct machine *m);
void rtc_attach(struct machine *m);
void simctl_attach(struct machine *m);
void fb_attach(struct machine *m);
/* Every framebuffer row changed (after a snapshot restore). */
void fb_mark_all(struct machine *m);

#endif /* SIM_DEV_H */
