/* odan-serve-api.h — what a team's page reads and writes, as JSON
 *
 * The browser page's API, apart from HTTP: the server (odan-server.c) has
 * already found the session's team and checked its CSRF token; these
 * functions turn one team's view into JSON and one request into a call of
 * the same exercise API the desktop team window uses (odan_exercise_decide(),
 * odan_exercise_acknowledge()). A request names deliveries by their event id
 * and is checked against the team's own view before the exercise sees it,
 * so no answer — not even an error — says anything about an inject that has
 * not reached the team, another team's traffic or the MSEL.
 */
#pragma once

#include <json-glib/json-glib.h>
#include "odan-exercise.h"

G_BEGIN_DECLS

/* The team's page (team index @team): its inbox, decisions, obligations,
 * the forms' choices and the board when the scenario lets teams see the
 * model. A JSON object as text. */
char  *odan_serve_view_json  (OdanExercise *exercise,
                              guint32       team);
/* The clock as the page counts down with it: {minute, running, speed,
 * started, ended}. */
char  *odan_serve_clock_json (OdanExercise *exercise);

/* POST /api/ack {delivery, ack: "received"|"read"} and POST /api/decide
 * {category, summary, by, bcp, mitigation, channel, audience, ministry,
 * stage, deliveries: [id…], recipients: [key…]}. Return the HTTP status and
 * set *@out_json to the reply: {"event": id} or {"error": message}. */
guint  odan_serve_api_ack    (OdanExercise *exercise,
                              guint32       team,
                              JsonObject   *request,
                              char        **out_json);
guint  odan_serve_api_decide (OdanExercise *exercise,
                              guint32       team,
                              JsonObject   *request,
                              const char   *by_default,
                              char        **out_json);

/* {"error": message} */
char  *odan_serve_error_json (const char *message);

G_END_DECLS
