/* odan-exercise-members.c — a CEPTOAR's simulated members answering
 *
 * A CEPTOAR team with `members` in teams.csv has that many member operators
 * who are not teams (engine/EXERCISE.md, "Members who are not teams"). When
 * a forward to them is applied, each member's answers are drawn at once —
 * receipt and, when the pack gives member_read, reading — and wait in
 * self->member_acks, sorted by (due, delivery, member, action); the clock
 * logs them at their time as ack events without a team. Entries before
 * member_head are done; the queue is compacted when new answers join it.
 */
#define G_LOG_DOMAIN "odan-exercise"

#include "odan-exercise-private.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

static gint
member_ack_compare (gconstpointer a,
                    gconstpointer b)
{
  const MemberAck *x = a, *y = b;

  if (x->due != y->due)
    return x->due < y->due ? -1 : 1;
  if (x->delivery != y->delivery)
    return x->delivery < y->delivery ? -1 : 1;
  if (x->member != y->member)
    return x->member < y->member ? -1 : 1;
  return (int) x->read - (int) y->read;
}

/* FNV-1a: a hash of an id that no GLib version can change. */
static guint32
stable_hash (const char *text)
{
  guint32 h = 2166136261u;

  for (const unsigned char *p = (const unsigned char *) text; *p != '\0'; p++)
    h = (h ^ *p) * 16777619u;
  return h;
}

/* A log-normal delay with median @median and shape @sigma, to the second. */
static double
draw_delay (GRand  *rand,
            double  median,
            double  sigma)
{
  double u1 = 1.0 - g_rand_double (rand);   /* (0, 1]: log() stays finite */
  double u2 = g_rand_double (rand);
  double z = sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2);

  return round (median * exp (sigma * z) * 60.0) / 60.0;
}

/* Draws the answers of @team's members to @delivery (a forward to them). */
void
_odan_exercise_members_schedule (OdanExercise    *self,
                                 const OdanEvent *delivery,
                                 guint32          team)
{
  const OdanTeam *t = &self->pack->teams[team];
  guint members = odan_event_get_uint32 (delivery, ODAN_EVENT_KEY_MEMBERS, 0);
  g_autofree char *key = g_strdup_printf ("%s\x1f%s", t->id, delivery->subject);
  guint nth = GPOINTER_TO_UINT (g_hash_table_lookup (self->member_relays, key));
  guint32 seeds[4] = { self->pack->seed, stable_hash (t->id), stable_hash (delivery->subject), nth };
  g_autoptr(GRand) rand = g_rand_new_with_seed_array (seeds, G_N_ELEMENTS (seeds));

  g_hash_table_insert (self->member_relays, g_steal_pointer (&key), GUINT_TO_POINTER (nth + 1));
  /* the done entries go before the new ones join */
  g_array_remove_range (self->member_acks, 0, self->member_head);
  self->member_head = 0;
  for (guint m = 1; m <= members; m++)
    {
      /* every member draws the same numbers whether or not it stays silent,
       * so changing the silent share changes no other member's times */
      gboolean silent = g_rand_double (rand) < t->member_silent;
      double received = delivery->minute + draw_delay (rand, t->member_received, t->member_spread);
      double read = received + draw_delay (rand, t->member_read, t->member_spread);
      MemberAck a = { received, delivery->id, m, FALSE };

      if (silent)
        continue;
      g_array_append_val (self->member_acks, a);
      if (t->member_read > 0.0)
        {
          a.due = read;
          a.read = TRUE;
          g_array_append_val (self->member_acks, a);
        }
    }
  g_array_sort (self->member_acks, member_ack_compare);
}

/* The next member's answer waiting, or NULL. */
const MemberAck *
_odan_exercise_members_next (OdanExercise *self)
{
  if (self->member_head >= self->member_acks->len)
    return NULL;
  return &g_array_index (self->member_acks, MemberAck, self->member_head);
}

/* The event of answer @a, logged at @at. */
static OdanEvent *
member_ack_event (OdanExercise    *self,
                  const MemberAck *a,
                  double           at)
{
  const OdanEvent *delivery = odan_exercise_find_event (self, a->delivery);
  g_auto(GVariantBuilder) builder = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  OdanEvent *event;

  g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_DELIVERED, g_variant_new_double (delivery->minute));
  _odan_exercise_add_string (&builder, ODAN_EVENT_KEY_VIA, odan_event_get_via (delivery));
  g_variant_builder_add (&builder, "{sv}", ODAN_EVENT_KEY_MEMBER, g_variant_new_uint32 (a->member));
  event = odan_event_new (a->read ? ODAN_ACTION_READ : ODAN_ACTION_RECEIVED, at,
                          g_variant_builder_end (&builder));
  event->actor = g_strdup ("system");
  event->subject = g_strdup (delivery->subject);
  event->ref = delivery->id;
  g_free (event->summary);
  event->summary = g_strdup (delivery->summary);
  return event;
}

/* Logs the members' answers due at or before @until and before @before
 * (the next thing of another kind falls due then, and goes first), up to
 * a few thousand in one transaction: thousands of members answer in a
 * drill, and one durable commit each would take longer than the drill's
 * whole computation. */
gint64
_odan_exercise_log_member_acks (OdanExercise *self,
                                double        until,
                                double        before,
                                GError      **error)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new ();
  double at = self->last_minute;

  for (guint i = self->member_head; i < self->member_acks->len && batch->len < 4096; i++)
    {
      const MemberAck *a = &g_array_index (self->member_acks, MemberAck, i);

      if (a->due > until || (a->due >= before && batch->len > 0))
        break;
      at = MAX (at, a->due);
      g_ptr_array_add (batch, member_ack_event (self, a, at));
    }
  return _odan_exercise_commit_many (self, (OdanEvent **) batch->pdata, batch->len, error);
}

/* A member's answer in the log: it must be the one drawn next for it. */
gboolean
_odan_exercise_absorb_member_ack (OdanExercise    *self,
                                  const OdanEvent *event,
                                  GError         **error)
{
  guint member = odan_event_get_uint32 (event, ODAN_EVENT_KEY_MEMBER, 0);
  gboolean read = event->action == ODAN_ACTION_READ;

  for (guint i = self->member_head; i < self->member_acks->len; i++)
    {
      MemberAck *a = &g_array_index (self->member_acks, MemberAck, i);

      if (a->delivery != event->ref || a->member != member || a->read != read)
        continue;
      if (event->minute < a->due)
        break;
      /* answers are logged in queue order: one out of order is a foreign log */
      if (i != self->member_head)
        break;
      self->member_head++;
      return TRUE;
    }
  return _odan_exercise_inconsistent (event, _("a simulated member's answer that its draws do not give"),
                                      error);
}
