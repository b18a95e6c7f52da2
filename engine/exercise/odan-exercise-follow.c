/* odan-exercise-follow.c — following a log other connections write to
 *
 * Multi-site play: teams and evaluators append to the log the facilitator
 * writes, and each connection applies what the others commit.
 */
#define G_LOG_DOMAIN "odan-exercise"

#include "odan-exercise-private.h"
#include "odan-time.h"

#include <glib/gi18n-lib.h>

/* ------------------------------------------------------------------ */
/* Following a store other connections write to (multi-site play)
 *
 * On PostgreSQL, teams and evaluators append to the log the facilitator
 * writes. Their events reach this exercise through the same _odan_exercise_absorb() as
 * on opening, in id order, each once: the id of the last event applied is
 * the only bookmark, so a watch that catches up after a reconnect, an
 * explicit sync and _odan_exercise_commit()'s own catch-up may overlap freely. The watch
 * only queues what it reads; an idle callback applies the queue, so no
 * "event-added" handler ever runs inside the store's read loop (a handler
 * may _odan_exercise_commit, or close the exercise). */

struct _OdanExerciseFollow
{
  GPtrArray *queue;      /* OdanEvent*, read by the watch, not applied yet */
  guint      idle_id;
  gboolean   carries;    /* the facilitator's writing connection: carries what teams forward */
};

static gint64
last_applied_id (OdanExercise *self)
{
  const OdanEvent *last;

  if (self->events->len == 0)
    return self->skipped_through;
  last = g_ptr_array_index (self->events, self->events->len - 1);
  return MAX (last->id, self->skipped_through);
}

static gboolean
collect_event (OdanEvent *event,
               gpointer   user_data,
               GError   **error)
{
  g_ptr_array_add (user_data, event);
  return TRUE;
}

/* Applies the events of @batch (id order) that come after the last one
 * applied and before @before (0: no limit), telling the listeners of each. */
static gboolean
apply_batch (OdanExercise *self,
             GPtrArray    *batch,
             gint64        before,
             GError      **error)
{
  for (guint i = 0; i < batch->len; i++)
    {
      OdanEvent *event = g_ptr_array_index (batch, i);
      g_autoptr(GError) local_error = NULL;

      if (event->id <= last_applied_id (self) || (before > 0 && event->id >= before))
        continue;
      if (!_odan_exercise_absorb (self, event, -1, &local_error))
        {
          if (event->by_member && local_error->domain == ODAN_EXERCISE_ERROR)
            {
              g_ptr_array_index (batch, i) = NULL;
              _odan_exercise_skip (self, event, local_error->message);
              continue;
            }
          g_set_error (error, ODAN_EXERCISE_ERROR, ODAN_EXERCISE_ERROR_INCONSISTENT,
                       _("%s: the log contradicts itself: %s"),
                       odan_store_get_location (self->store), local_error->message);
          return FALSE;
        }
      /* the log owns it now */
      g_ptr_array_index (batch, i) = NULL;
      _odan_exercise_sim_catch_up (self);
      _odan_exercise_event_added (self, event);
    }
  return TRUE;
}

static gboolean
sync_before (OdanExercise *self,
             gint64        before,
             GError      **error)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_event_free);

  if (!odan_store_read_events (self->store, last_applied_id (self), collect_event, batch, error))
    return FALSE;
  return apply_batch (self, batch, before, error);
}

/* _odan_exercise_commit()'s catch-up: another connection may have committed events just
 * before ours (ids are handed out in _odan_exercise_commit order), and they must be applied
 * first so that the log applies in id order here as on reopening. */
gboolean
_odan_exercise_sync_before_commit (OdanExercise *self,
                    gint64        id,
                    GError      **error)
{
  if (id == last_applied_id (self) + 1)
    return TRUE;
  return sync_before (self, id, error);
}

gboolean
odan_exercise_sync (OdanExercise  *self,
                    GError       **error)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return sync_before (self, 0, error);
}

static gboolean
follow_apply (gpointer user_data)
{
  OdanExercise *self = user_data;
  g_autoptr(GPtrArray) batch = NULL;
  g_autoptr(GError) error = NULL;

  self->follow->idle_id = 0;
  batch = g_steal_pointer (&self->follow->queue);
  self->follow->queue = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_event_free);
  g_object_ref (self);
  /* a team's forward without delay arrives with its decision: the writer
   * carries it as soon as it applies the decision */
  if (!apply_batch (self, batch, 0, &error)
      || (self->follow != NULL && self->follow->carries && self->started && !self->ended
          && !_odan_exercise_deliver_forwards_due (self, self->last_minute, &error)))
    {
      /* the log cannot be applied here: stop rather than show a state that
       * reopening would not give */
      g_warning ("%s", error->message);
      odan_exercise_unfollow (self);
    }
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static gboolean
follow_queue_event (OdanEvent *event,
                    gpointer   user_data,
                    GError   **error)
{
  OdanExercise *self = user_data;

  g_ptr_array_add (self->follow->queue, event);
  if (self->follow->idle_id == 0)
    self->follow->idle_id = g_idle_add (follow_apply, self);
  return TRUE;
}

/* The writer is elsewhere: a clock that was running when this connection
 * opened the log is running there still, not interrupted. */
static void
follow_running_clock (OdanExercise *self)
{
  for (guint i = self->events->len; i > 0; i--)
    {
      const OdanEvent *event = g_ptr_array_index (self->events, i - 1);
      gint64 wall = 0;

      if (event->kind != ODAN_EVENT_CLOCK)
        continue;
      if (!odan_wall_time_parse (event->wall, &wall))
        wall = 0;
      odan_clock_set (self->clock, _odan_exercise_event_clock_mode (event),
                      odan_event_is_running (event) && !self->ended,
                      odan_event_get_speed (event), event->minute, wall);
      self->interrupted = FALSE;
      return;
    }
}

void
odan_exercise_follow (OdanExercise *self)
{
  OdanStoreRole role;
  gboolean writer;

  g_return_if_fail (ODAN_IS_EXERCISE (self));

  if (self->follow != NULL)
    return;
  role = odan_store_get_role (self->store);
  /* the facilitator's writing connection: it logs what falls due */
  writer = (role == ODAN_STORE_ROLE_OWNER || role == ODAN_STORE_ROLE_FACILITATOR)
           && odan_store_get_access (self->store) == ODAN_STORE_ACCESS_READ_WRITE;
  self->follow = g_new0 (OdanExerciseFollow, 1);
  self->follow->queue = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_event_free);
  self->follow->carries = writer;
  if (!odan_store_watch (self->store, last_applied_id (self), follow_queue_event, self, NULL))
    {
      /* nobody else writes to it (a file): nothing to follow */
      g_ptr_array_unref (self->follow->queue);
      g_clear_pointer (&self->follow, g_free);
      return;
    }
  if (self->interrupted && !writer)
    follow_running_clock (self);
}

void
odan_exercise_unfollow (OdanExercise *self)
{
  g_return_if_fail (ODAN_IS_EXERCISE (self));

  if (self->follow == NULL)
    return;
  odan_store_unwatch (self->store);
  g_clear_handle_id (&self->follow->idle_id, g_source_remove);
  g_ptr_array_unref (self->follow->queue);
  g_clear_pointer (&self->follow, g_free);
}

const char *
odan_exercise_get_team_client (OdanExercise *self)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), NULL);

  return self->team_client;
}

gboolean
odan_exercise_is_following (OdanExercise *self)
{
  g_return_val_if_fail (ODAN_IS_EXERCISE (self), FALSE);

  return self->follow != NULL;
}
