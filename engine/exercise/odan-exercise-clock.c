/* odan-exercise-clock.c — the exercise's clock and what falls due
 *
 * The facilitator's clock controls (start, pause, resume, speed, jump, step,
 * end) each log a clock event; advancing the clock logs what falls due on
 * the way, each thing at its own due time (see odan-exercise.c).
 */
#define G_LOG_DOMAIN "odan-exercise"

#include "odan-exercise-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>

/* ------------------------------------------------------------------ */
/* What falls due */

typedef enum {
  DUE_INJECT,
  DUE_DECISION,
  DUE_MITIGATION,
  DUE_FORWARD,
  DUE_MEMBER_ACK,
} DueKind;

typedef struct {
  double  minute;
  DueKind kind;
  guint   index;
} Due;

static const char *
planned_team (OdanExercise  *self,
              const Planned *p)
{
  return p->decision.team != ODAN_NONE ? self->pack->teams[p->decision.team].id : NULL;
}

static gboolean
next_due_but_members (OdanExercise *self,
                      Due          *out);

static gboolean
next_due (OdanExercise *self,
          Due          *out)
{
  gboolean found = next_due_but_members (self, out);

  /* simulated members answer last of a minute: after the forward that reached them */
  if (_odan_exercise_members_next (self) != NULL)
    {
      double t = _odan_exercise_members_next (self)->due;

      if (!found || t < out->minute)
        {
          *out = (Due) { t, DUE_MEMBER_ACK, 0 };
          found = TRUE;
        }
    }
  return found;
}

static gboolean
next_due_but_members (OdanExercise *self,
                      Due          *out)
{
  gboolean found = FALSE;

  for (guint i = 0; i < self->pack->n_injects; i++)
    if (self->injects[i].status == INJECT_PENDING
        && (!found || self->injects[i].due < out->minute))
      {
        *out = (Due) { self->injects[i].due, DUE_INJECT, i };
        found = TRUE;
      }

  while (self->next_planned < self->planned->len)
    {
      const Planned *p = &g_array_index (self->planned, Planned, self->next_planned);
      g_autofree char *logged = _odan_exercise_logged_key (planned_team (self, p), p->key);

      if (!g_hash_table_contains (self->logged_keys, logged))
        break;
      self->next_planned++;
    }
  if (self->next_planned < self->planned->len)
    {
      double t = g_array_index (self->planned, Planned, self->next_planned).decision.time;

      if (!found || t < out->minute)
        {
          *out = (Due) { t, DUE_DECISION, self->next_planned };
          found = TRUE;
        }
    }

  if (self->pending->len > 0)
    {
      double t = g_array_index (self->pending, Pending, 0).due;

      if (!found || t < out->minute)
        {
          *out = (Due) { t, DUE_MITIGATION, 0 };
          found = TRUE;
        }
    }

  if (self->forwards->len > 0)
    {
      double t = g_array_index (self->forwards, Forward, 0).due;

      if (!found || t < out->minute)
        {
          *out = (Due) { t, DUE_FORWARD, 0 };
          found = TRUE;
        }
    }
  return found;
}

double
odan_exercise_get_next_due (OdanExercise *self)
{
  Due due;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), INFINITY);

  if (self->ended)
    return INFINITY;
  return next_due (self, &due) ? due.minute : INFINITY;
}


/* Logs everything due at or before @until, each at its own time. */
static gboolean
deliver_due (OdanExercise *self,
             double        until,
             GError      **error)
{
  Due due;

  while (next_due (self, &due) && due.minute <= until)
    {
      double at = MAX (due.minute, self->last_minute);

      switch (due.kind)
        {
        case DUE_INJECT:
          if (!_odan_exercise_log_delivery (self, due.index, at, "system", NULL, error))
            return FALSE;
          break;
        case DUE_DECISION:
          {
            const Planned *p = &g_array_index (self->planned, Planned, due.index);
            g_autofree char *key = g_strdup (p->key);
            g_autoptr(GError) local_error = NULL;

            /* 0 without an error: an acknowledgement with nothing left to acknowledge */
            if (!_odan_exercise_decide_at (self, &p->decision, key, NULL, at, &local_error) && local_error != NULL)
              {
                /* a row that does not fit what happened: say which row */
                p = &g_array_index (self->planned, Planned, due.index);
                if (local_error->domain == ODAN_EXERCISE_ERROR
                    && local_error->code == ODAN_EXERCISE_ERROR_INVALID)
                  g_prefix_error (&local_error, "%s:%u: ",
                                  self->plan_file != NULL ? self->plan_file : "decisions", p->decision.line);
                g_propagate_error (error, g_steal_pointer (&local_error));
                return FALSE;
              }
            /* an acknowledgement already in the log logs nothing: done all the same */
            p = &g_array_index (self->planned, Planned, due.index);
            g_hash_table_add (self->logged_keys, _odan_exercise_logged_key (planned_team (self, p), key));
          }
          break;
        case DUE_MITIGATION:
          if (!_odan_exercise_log_mitigation (self, due.index, at, error))
            return FALSE;
          break;
        case DUE_MEMBER_ACK:
          {
            Due other;
            double before = next_due_but_members (self, &other) ? other.minute : INFINITY;

            if (!_odan_exercise_log_member_acks (self, until, before, error))
              return FALSE;
          }
          break;
        case DUE_FORWARD:
        default:
          if (!_odan_exercise_log_forward (self, due.index, at, error))
            return FALSE;
          break;
        }
    }
  return TRUE;
}

/* Before logging anything at the current time: what a running clock has
 * passed goes first, so that the log stays in time order. */
gboolean
_odan_exercise_catch_up (OdanExercise *self,
          GError      **error)
{
  /* a team client logs nothing that falls due: the facilitator does */
  if (self->team_client != NULL)
    return TRUE;
  if (!self->started || self->ended || !odan_clock_get_running (self->clock))
    return TRUE;
  return deliver_due (self, odan_exercise_get_minute (self), error);
}

/* The facilitator's controls log only into a running exercise, after what
 * fell due by now. */
gboolean
_odan_exercise_ready_to_log (OdanExercise *self,
              GError      **error)
{
  return _odan_exercise_check_playing (self, error) && _odan_exercise_catch_up (self, error);
}

/* The minute of what this exercise logs now. A team client's events get
 * the log's last minute from the server; it logs them at the last minute
 * it has seen, so that a forward's time of arrival never counts from a
 * minute the log has not reached. */
double
_odan_exercise_team_client_minute (OdanExercise *self)
{
  if (self->team_client != NULL)
    return self->last_minute;
  return odan_exercise_get_minute (self);
}

/* ------------------------------------------------------------------ */
/* The clock */

static OdanEvent *
clock_event (OdanExercise    *self,
             OdanEventAction action,
             double         minute,
             OdanClockMode  mode,
             gboolean       running,
             double         speed,
             GVariantBuilder *extra)
{
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  OdanEvent *event;

  g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_MODE,
                         g_variant_new_string (odan_enum_to_nick (ODAN_TYPE_CLOCK_MODE, mode)));
  g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_SPEED, g_variant_new_double (speed));
  g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_RUNNING, g_variant_new_boolean (running));
  if (extra != NULL)
    {
      g_autoptr(GVariant) more = g_variant_ref_sink (g_variant_builder_end (extra));
      GVariantIter iter;
      const char *key;
      GVariant *value;

      g_variant_iter_init (&iter, more);
      while (g_variant_iter_next (&iter, "{&sv}", &key, &value))
        {
          g_variant_builder_add (&builder, "{sv}", key, value);
          g_variant_unref (value);
        }
    }
  event = odan_event_new (action, minute, g_variant_builder_end (&builder));
  event->actor = g_strdup ("facilitator");
  return event;
}

static gboolean
check_speed (double   speed,
             GError **error)
{
  if (!(speed >= ODAN_CLOCK_MIN_SPEED && speed <= ODAN_CLOCK_MAX_SPEED))
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INVALID,
                   _("the speed must be between ×%g and ×%g"), ODAN_CLOCK_MIN_SPEED, ODAN_CLOCK_MAX_SPEED);
      return FALSE;
    }
  return TRUE;
}

gint64
odan_exercise_start (OdanExercise   *self,
                     OdanClockMode   mode,
                     double          speed,
                     GError        **error)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), 0);

  if (!_odan_exercise_check_writable (self, error))
    return 0;
  if (self->started)
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_CLOCK, "%s",
                   _("the exercise has started already"));
      return 0;
    }
  if (mode == ODAN_CLOCK_STEP)
    speed = 1.0;
  else if (!check_speed (speed, error))
    return 0;
  return _odan_exercise_commit (self, clock_event (self, ODAN_ACTION_START, self->last_minute, mode, TRUE, speed, NULL), -1, error);
}

gint64
odan_exercise_pause (OdanExercise  *self,
                     GError       **error)
{
  OdanClock *clock = self->clock;
  double now;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), 0);

  if (!_odan_exercise_check_playing (self, error))
    return 0;
  if (!odan_clock_get_running (clock))
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_CLOCK, "%s",
                   _("the clock is paused already"));
      return 0;
    }
  now = odan_exercise_get_minute (self);
  if (!deliver_due (self, now, error))
    return 0;
  now = MAX (now, self->last_minute);
  return _odan_exercise_commit (self, clock_event (self, ODAN_ACTION_PAUSE, now, odan_clock_get_mode (clock), FALSE,
                                    odan_clock_get_speed (clock), NULL), -1, error);
}

gint64
odan_exercise_resume (OdanExercise  *self,
                      gboolean       keep_schedule,
                      GError       **error)
{
  OdanClock *clock = self->clock;
  g_auto(GVariantBuilder) extra = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  gint64 wall;
  double from, target;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), 0);

  if (!_odan_exercise_check_playing (self, error))
    return 0;
  if (odan_clock_get_running (clock))
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_CLOCK, "%s",
                   _("the clock is running already"));
      return 0;
    }

  wall = odan_clock_get_wall_time (clock);
  from = odan_exercise_get_minute (self);
  target = from;
  /* keeping the schedule: exercise time went on while the clock stood */
  if (keep_schedule && odan_clock_get_mode (clock) == ODAN_CLOCK_REALTIME
      && wall > odan_clock_get_anchor_wall (clock))
    target = from + (double) (wall - odan_clock_get_anchor_wall (clock))
                    / (60.0 * G_USEC_PER_SEC) * odan_clock_get_speed (clock);
  if (!deliver_due (self, target, error))
    return 0;
  target = MAX (target, self->last_minute);

  g_variant_builder_add (&extra, "{sv}", ODAN_EVENT_KEY_KEEP_SCHEDULE, g_variant_new_boolean (keep_schedule));
  g_variant_builder_add (&extra, "{sv}", ODAN_EVENT_KEY_FROM, g_variant_new_double (from));
  return _odan_exercise_commit (self, clock_event (self, ODAN_ACTION_RESUME, target, odan_clock_get_mode (clock), TRUE,
                                    odan_clock_get_speed (clock), &extra), -1, error);
}

gint64
odan_exercise_set_speed (OdanExercise  *self,
                         double         speed,
                         GError       **error)
{
  OdanClock *clock = self->clock;
  double now;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), 0);

  if (!_odan_exercise_check_playing (self, error) || !check_speed (speed, error))
    return 0;
  if (odan_clock_get_mode (clock) != ODAN_CLOCK_REALTIME)
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_CLOCK, "%s",
                   _("a clock that steps has no speed"));
      return 0;
    }
  now = odan_exercise_get_minute (self);
  if (!deliver_due (self, now, error))
    return 0;
  now = MAX (now, self->last_minute);
  return _odan_exercise_commit (self, clock_event (self, ODAN_ACTION_SPEED, now, ODAN_CLOCK_REALTIME,
                                    odan_clock_get_running (clock), speed, NULL), -1, error);
}

/* jump and step: move to @target, delivering on the way */
static gint64
move_to (OdanExercise    *self,
         OdanEventAction action,
         double           target,
         GError         **error)
{
  OdanClock *clock = self->clock;
  g_auto(GVariantBuilder) extra = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  double from = odan_exercise_get_minute (self);

  if (!deliver_due (self, target, error))
    return 0;
  target = MAX (target, self->last_minute);
  g_variant_builder_add (&extra, "{sv}", ODAN_EVENT_KEY_FROM, g_variant_new_double (from));
  return _odan_exercise_commit (self, clock_event (self, action, target, odan_clock_get_mode (clock),
                                    odan_clock_get_running (clock), odan_clock_get_speed (clock),
                                    &extra), -1, error);
}

gint64
odan_exercise_jump (OdanExercise  *self,
                    double         minute,
                    GError       **error)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), 0);

  if (!_odan_exercise_ready_to_log (self, error))
    return 0;
  if (!isfinite (minute) || minute <= odan_exercise_get_minute (self))
    {
      g_autofree char *now = _odan_exercise_format_time (odan_exercise_get_minute (self));

      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_CLOCK,
                   _("the clock only jumps forward, past %s"), now);
      return 0;
    }
  return move_to (self, ODAN_ACTION_JUMP, minute, error);
}

gint64
odan_exercise_step (OdanExercise  *self,
                    GError       **error)
{
  double target = INFINITY;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), 0);

  if (!_odan_exercise_ready_to_log (self, error))
    return 0;
  for (guint i = 0; i < self->pack->n_injects; i++)
    if (self->injects[i].status == INJECT_PENDING)
      target = MIN (target, self->injects[i].due);
  if (isinf (target))
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_CLOCK, "%s",
                   _("no inject is left to deliver"));
      return 0;
    }
  return move_to (self, ODAN_ACTION_STEP, MAX (target, odan_exercise_get_minute (self)), error);
}

gint64
odan_exercise_end (OdanExercise  *self,
                   GError       **error)
{
  OdanClock *clock = self->clock;
  double now;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), 0);

  if (!_odan_exercise_ready_to_log (self, error))
    return 0;
  now = odan_exercise_get_minute (self);
  return _odan_exercise_commit (self, clock_event (self, ODAN_ACTION_END, now, odan_clock_get_mode (clock), FALSE,
                                    odan_clock_get_speed (clock), NULL), -1, error);
}

gboolean
odan_exercise_advance (OdanExercise  *self,
                       GError       **error)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), FALSE);

  if (!_odan_exercise_check_playing (self, error))
    return FALSE;
  return deliver_due (self, odan_exercise_get_minute (self), error);
}

gboolean
odan_exercise_advance_to (OdanExercise  *self,
                          double         minute,
                          GError       **error)
{
  OdanClock *clock = self->clock;

  g_return_val_if_fail (ODAN_IS_EXERCISE (self), FALSE);

  if (!_odan_exercise_check_playing (self, error))
    return FALSE;
  if (odan_clock_get_mode (clock) != ODAN_CLOCK_STEP || !odan_clock_get_running (clock))
    {
      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_CLOCK, "%s",
                   _("only a running clock that steps can be moved this way"));
      return FALSE;
    }
  if (!isfinite (minute) || minute < odan_exercise_get_minute (self))
    {
      g_autofree char *now = _odan_exercise_format_time (odan_exercise_get_minute (self));

      g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_CLOCK,
                   _("the clock does not go back from %s"), now);
      return FALSE;
    }
  if (!deliver_due (self, minute, error))
    return FALSE;
  odan_clock_set (clock, ODAN_CLOCK_STEP, TRUE, 1.0, minute, odan_clock_get_wall_time (clock));
  return TRUE;
}
