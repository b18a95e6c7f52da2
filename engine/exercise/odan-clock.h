/* odan-clock.h — exercise time from wall-clock time
 *
 * An exercise clock either runs in real time, accelerated by a speed (×1 …
 * ×60), or steps (headless play: time moves only when told to). It is a
 * calculator over an anchor — "exercise minute M at wall time W, running
 * at speed S" — that OdanExercise sets from the clock events of its log; it
 * keeps no history of its own. The wall-clock source can be replaced, so
 * tests drive time without sleeping.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  ODAN_CLOCK_REALTIME,   /*< nick=realtime >*/  /* exercise time follows wall time × speed */
  ODAN_CLOCK_STEP,       /*< nick=step >*/      /* exercise time moves only by explicit steps */
} OdanClockMode;

/* The nicks ("realtime", "step") are the words of clock events' "mode". */

#define ODAN_CLOCK_MIN_SPEED 1.0
#define ODAN_CLOCK_MAX_SPEED 60.0

/* Wall-clock time in µs since the Unix epoch (g_get_real_time by default). */
typedef gint64 (*OdanClockTimeFunc) (gpointer user_data);

#define ODAN_TYPE_CLOCK (odan_clock_get_type ())
G_DECLARE_FINAL_TYPE (OdanClock, odan_clock, ODAN, CLOCK, GObject)

OdanClock    *odan_clock_new            (void);

void          odan_clock_set_time_func  (OdanClock         *self,
                                         OdanClockTimeFunc  func,
                                         gpointer           user_data,
                                         GDestroyNotify     destroy);
gint64        odan_clock_get_wall_time  (OdanClock *self);

/* Anchors the clock: exercise minute @minute at wall time @wall (µs),
 * running or not, at @speed (realtime mode). Notifies "running", "mode"
 * and "speed" when they change. */
void          odan_clock_set            (OdanClock     *self,
                                         OdanClockMode  mode,
                                         gboolean       running,
                                         double         speed,
                                         double         minute,
                                         gint64         wall);

OdanClockMode odan_clock_get_mode       (OdanClock *self);
gboolean      odan_clock_get_running    (OdanClock *self);
double        odan_clock_get_speed      (OdanClock *self);

/* The exercise minute now. A wall time before the anchor (a wall clock
 * set back) reads as the anchor minute; OdanExercise never lets exercise
 * time fall behind its last event. */
double        odan_clock_get_minute     (OdanClock *self);
/* The exercise minute at wall time @wall. */
double        odan_clock_minute_at      (OdanClock *self,
                                         gint64     wall);
/* Wall time (µs from now) until the clock reaches @minute: 0 when it has,
 * -1 when it never will by itself (paused, or step mode). */
gint64        odan_clock_wall_until     (OdanClock *self,
                                         double     minute);
/* The anchor: where and when the clock was last set. */
double        odan_clock_get_anchor_minute (OdanClock *self);
gint64        odan_clock_get_anchor_wall   (OdanClock *self);

G_END_DECLS
