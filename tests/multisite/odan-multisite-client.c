/* odan-multisite-client.c — one team's office in the multi-site test
 *
 *   odan-multisite-client CONNINFO decide|ack
 *
 * Connects as a team, waits for new events (LISTEN/NOTIFY, reconnecting
 * when the server restarts or drops it) and answers each delivery that
 * reaches the team: with a decision ("decide") or an acknowledgement
 * ("ack"). Prints "read ID" for every event it reads and "wrote ID" for
 * every event the server acknowledged, then exits once it has read the
 * clock's end and answered everything before it. Exit status 0, or 1 with
 * the reason on stderr; it gives up after ten minutes.
 */
#include <stdio.h>
#include <string.h>

#include "odan-pg-store.h"

typedef struct {
  OdanPgStore *store;
  gboolean     decide;
  gboolean     ended;
  GPtrArray   *to_answer;   /* OdanEvent*: deliveries read, not answered yet */
} Client;

static gboolean
on_event (OdanEvent *event,
          gpointer   user_data,
          GError   **error)
{
  Client *client = user_data;

  printf ("read %" G_GINT64_FORMAT "\n", event->id);
  if (event->kind == ODAN_EVENT_CLOCK && strcmp (odan_event_action_to_string (event), "end") == 0)
    client->ended = TRUE;
  if (event->kind == ODAN_EVENT_DELIVERY && event->subject != NULL)
    g_ptr_array_add (client->to_answer, event);
  else
    odan_event_free (event);
  return TRUE;
}

static gboolean
answer (Client          *client,
        const OdanEvent *delivery,
        GError         **error)
{
  const char *team = odan_store_get_team (ODAN_STORE (client->store));
  g_autoptr(OdanEvent) event = NULL;
  g_autofree char *now = odan_wall_time_format (g_get_real_time ());

  if (client->decide)
    {
      GVariantBuilder builder;
      const char *injects[] = { delivery->subject, NULL };

      g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&builder, "{sv}", "injects", g_variant_new_strv (injects, -1));
      g_variant_builder_add (&builder, "{sv}", "by", g_variant_new_string ("multisite client"));
      event = odan_event_new_from_words (odan_event_kind_to_string (ODAN_EVENT_DECISION), "information-sharing", delivery->minute,
                              g_variant_builder_end (&builder));
      g_free (event->summary);
      event->summary = g_strdup_printf ("Shared %s with our members", delivery->subject);
    }
  else
    {
      event = odan_event_new_from_words (odan_event_kind_to_string (ODAN_EVENT_ACK), "received", delivery->minute, NULL);
      event->ref = delivery->id;
      event->subject = g_strdup (delivery->subject);
    }
  event->actor = g_strdup (team);
  event->team = g_strdup (team);
  event->wall = g_steal_pointer (&now);
  if (!odan_store_append_event (ODAN_STORE (client->store), event, error))
    return FALSE;
  printf ("wrote %" G_GINT64_FORMAT "\n", event->id);
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OdanStore) store = NULL;
  g_autoptr(GPtrArray) to_answer = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_event_free);
  Client client = { NULL, FALSE, FALSE, to_answer };
  gint64 last = 0;
  gint64 give_up = g_get_monotonic_time () + 600 * G_USEC_PER_SEC;

  if (argc != 3 || (strcmp (argv[2], "decide") != 0 && strcmp (argv[2], "ack") != 0))
    {
      fprintf (stderr, "usage: odan-multisite-client CONNINFO decide|ack\n");
      return 2;
    }
  setvbuf (stdout, NULL, _IOLBF, 0);
  /* an office that starts while the server restarts tries again, with back-off */
  for (guint delay_ms = 50; ; delay_ms = MIN (delay_ms * 2, 2000))
    {
      store = odan_pg_store_open (argv[1], ODAN_PG_STORE_OPEN_DEFAULT, &error);
      if (store != NULL || !g_error_matches (error, ODAN_STORE_ERROR, ODAN_STORE_ERROR_IO)
          || g_get_monotonic_time () > give_up - 540 * G_USEC_PER_SEC)
        break;
      g_clear_error (&error);
      g_usleep (delay_ms * 1000);
    }
  if (store == NULL)
    {
      fprintf (stderr, "client: %s\n", error->message);
      return 1;
    }
  client.store = ODAN_PG_STORE (store);
  client.decide = strcmp (argv[2], "decide") == 0;
  if (odan_store_get_team (ODAN_STORE (client.store)) == NULL)
    {
      fprintf (stderr, "client: %s is not a team's connection\n", odan_store_get_location (store));
      return 1;
    }

  while (!client.ended)
    {
      if (g_get_monotonic_time () > give_up)
        {
          fprintf (stderr, "client: no end of the exercise after ten minutes (last event %" G_GINT64_FORMAT ")\n",
                   last);
          return 1;
        }
      if (!odan_pg_store_wait (client.store, &last, 5 * G_USEC_PER_SEC, on_event, &client, &error))
        {
          fprintf (stderr, "client: %s\n", error->message);
          return 1;
        }
      for (guint i = 0; i < to_answer->len; i++)
        if (!answer (&client, g_ptr_array_index (to_answer, i), &error))
          {
            fprintf (stderr, "client: %s\n", error->message);
            return 1;
          }
      g_ptr_array_set_size (to_answer, 0);
    }
  fprintf (stderr, "client: done after %u reconnects\n", odan_pg_store_get_reconnects (client.store));
  return 0;
}
