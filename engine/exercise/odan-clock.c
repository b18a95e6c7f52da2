/* odan-clock.c — exercise time from wall-clock time
 *
 * State is one anchor (minute, wall µs) plus mode, running and speed:
 *
 *   realtime, running:  minute(w) = anchor_minute + (w − anchor_wall) / 60 s × speed
 *   otherwise:          minute(w) = anchor_minute
 *
 * Pausing, resuming, a speed change or a jump re-anchors at the moment it
 * happens, so no change ever moves exercise time that has already passed.
 */
#define G_LOG_DOMAIN "odan-clock"

#include "odan-clock.h"
#include "odan-exercise-enums.h"

#include <math.h>

struct _OdanClock
{
  GObject            parent_instance;

  OdanClockTimeFunc  time_func;
  gpointer           time_data;
  GDestroyNotify     time_destroy;

  OdanClockMode      mode;
  gboolean           running;
  double             speed;
  double             anchor_minute;
  gint64             anchor_wall;
};

G_DEFINE_FINAL_TYPE (OdanClock, odan_clock, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODE,
  PROP_RUNNING,
  PROP_SPEED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gint64
real_time (gpointer user_data)
{
  return g_get_real_time ();
}

OdanClock *
odan_clock_new (void)
{
  return g_object_new (ODAN_TYPE_CLOCK, NULL);
}

void
odan_clock_set_time_func (OdanClock         *self,
                          OdanClockTimeFunc  func,
                          gpointer           user_data,
                          GDestroyNotify     destroy)
{
  g_return_if_fail (ODAN_IS_CLOCK (self));

  if (self->time_destroy != NULL)
    self->time_destroy (self->time_data);
  self->time_func = func != NULL ? func : real_time;
  self->time_data = func != NULL ? user_data : NULL;
  self->time_destroy = func != NULL ? destroy : NULL;
}

gint64
odan_clock_get_wall_time (OdanClock *self)
{
  g_return_val_if_fail (ODAN_IS_CLOCK (self), 0);

  return self->time_func (self->time_data);
}

void
odan_clock_set (OdanClock     *self,
                OdanClockMode  mode,
                gboolean       running,
                double         speed,
                double         minute,
                gint64         wall)
{
  g_return_if_fail (ODAN_IS_CLOCK (self));
  g_return_if_fail (isfinite (minute));

  g_object_freeze_notify (G_OBJECT (self));
  self->anchor_minute = minute;
  self->anchor_wall = wall;
  if (self->mode != mode)
    {
      self->mode = mode;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODE]);
    }
  if (self->running != !!running)
    {
      self->running = !!running;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
    }
  speed = CLAMP (speed, ODAN_CLOCK_MIN_SPEED, ODAN_CLOCK_MAX_SPEED);
  if (self->speed != speed)
    {
      self->speed = speed;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

OdanClockMode
odan_clock_get_mode (OdanClock *self)
{
  g_return_val_if_fail (ODAN_IS_CLOCK (self), ODAN_CLOCK_STEP);

  return self->mode;
}

gboolean
odan_clock_get_running (OdanClock *self)
{
  g_return_val_if_fail (ODAN_IS_CLOCK (self), FALSE);

  return self->running;
}

double
odan_clock_get_speed (OdanClock *self)
{
  g_return_val_if_fail (ODAN_IS_CLOCK (self), 1.0);

  return self->speed;
}

double
odan_clock_minute_at (OdanClock *self,
                      gint64     wall)
{
  g_return_val_if_fail (ODAN_IS_CLOCK (self), 0.0);

  if (self->mode != ODAN_CLOCK_REALTIME || !self->running || wall <= self->anchor_wall)
    return self->anchor_minute;
  return self->anchor_minute + (double) (wall - self->anchor_wall) / (60.0 * G_USEC_PER_SEC) * self->speed;
}

double
odan_clock_get_minute (OdanClock *self)
{
  return odan_clock_minute_at (self, odan_clock_get_wall_time (self));
}

gint64
odan_clock_wall_until (OdanClock *self,
                       double     minute)
{
  double now;

  g_return_val_if_fail (ODAN_IS_CLOCK (self), -1);

  now = odan_clock_get_minute (self);
  if (minute <= now)
    return 0;
  if (self->mode != ODAN_CLOCK_REALTIME || !self->running)
    return -1;
  return (gint64) ceil ((minute - now) / self->speed * 60.0 * G_USEC_PER_SEC);
}

double
odan_clock_get_anchor_minute (OdanClock *self)
{
  g_return_val_if_fail (ODAN_IS_CLOCK (self), 0.0);

  return self->anchor_minute;
}

gint64
odan_clock_get_anchor_wall (OdanClock *self)
{
  g_return_val_if_fail (ODAN_IS_CLOCK (self), 0);

  return self->anchor_wall;
}

static void
odan_clock_finalize (GObject *object)
{
  OdanClock *self = ODAN_CLOCK (object);

  if (self->time_destroy != NULL)
    self->time_destroy (self->time_data);

  G_OBJECT_CLASS (odan_clock_parent_class)->finalize (object);
}

static void
odan_clock_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  OdanClock *self = ODAN_CLOCK (object);

  switch (prop_id)
    {
    case PROP_MODE:
      g_value_set_enum (value, self->mode);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_SPEED:
      g_value_set_double (value, self->speed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
odan_clock_class_init (OdanClockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = odan_clock_finalize;
  object_class->get_property = odan_clock_get_property;

  /* an int, not an enum type: the engine registers no enum types */
  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL, ODAN_TYPE_CLOCK_MODE, ODAN_CLOCK_STEP,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL, ODAN_CLOCK_MIN_SPEED, ODAN_CLOCK_MAX_SPEED, 1.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
odan_clock_init (OdanClock *self)
{
  self->time_func = real_time;
  self->mode = ODAN_CLOCK_STEP;
  self->speed = 1.0;
}
