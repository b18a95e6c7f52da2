/* fuzz-serve-api.c — fuzz target for the team page's request handlers
 *
 * The input's first byte picks the handler (even: POST /api/decide, odd:
 * POST /api/ack); the rest is the request body as a page would post it.
 * Both act for team "power" on an exercise of the example pack played to
 * T+3h in a temporary file (made once). Checked beyond memory safety:
 *  - every answer is an HTTP status of success or of the client's fault
 *    (200, 400, 404, 422) with a JSON object as its body;
 *  - no answer names an inject that has not reached the team (INJ-02,
 *    INJ-04 … INJ-08) nor another team's mitigation (M-02 … M-04);
 *  - the log in memory and in the file agree at the end of each input.
 */
#include "fuzz-common.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "odan-serve-api.h"

static OdanExercise *exercise;
static char *path;
static char *dir;

/* The temporary exercise goes with the process. */
static void
remove_exercise (void)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-lock" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pack = g_build_filename (ODAN_SOURCE_SCENARIOS, "example", NULL);

  odan_fuzz_init ();
  dir = g_dir_make_tmp ("odan-fuzz-serve-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "example.odan", NULL);
  atexit (remove_exercise);
  exercise = odan_exercise_open (path, pack, ODAN_EXERCISE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (odan_exercise_start (exercise, ODAN_CLOCK_STEP, 1.0, &error), >, 0);
  g_assert_true (odan_exercise_advance_to (exercise, 180, &error));
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const char *const secrets[] = { "INJ-02", "INJ-04", "INJ-05", "INJ-06", "INJ-07", "INJ-08",
                                         "M-02", "M-03", "M-04" };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *reply = NULL;
  JsonNode *root;
  guint status;

  if (size < 1 || !json_parser_load_from_data (parser, (const char *) data + 1, (gssize) size - 1, NULL))
    return 0;
  root = json_parser_get_root (parser);
  if (root == NULL || JSON_NODE_TYPE (root) != JSON_NODE_OBJECT)
    return 0;
  if (data[0] & 1)
    status = odan_serve_api_ack (exercise, 0, json_node_get_object (root), &reply);
  else
    status = odan_serve_api_decide (exercise, 0, json_node_get_object (root), NULL, &reply);

  odan_fuzz_check (status == 200 || status == 400 || status == 404 || status == 422, "status %u: %s", status, reply);
  odan_fuzz_check (reply != NULL && reply[0] == '{' && g_utf8_validate (reply, -1, NULL), "reply %s", reply);
  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    odan_fuzz_check (strstr (reply, secrets[i]) == NULL, "reply names %s: %s", secrets[i], reply);
  if (status == 200)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OdanExercise) reread = odan_exercise_open (path, NULL, ODAN_EXERCISE_OPEN_READ_ONLY, &error);

      odan_fuzz_check (reread != NULL, "%s", error != NULL ? error->message : "");
      odan_fuzz_check (odan_exercise_get_n_events (reread) == odan_exercise_get_n_events (exercise),
                       "the file has %u events, memory %u", odan_exercise_get_n_events (reread),
                       odan_exercise_get_n_events (exercise));
    }
  return 0;
}
