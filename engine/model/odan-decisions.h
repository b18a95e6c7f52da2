/* odan-decisions.h — a decisions CSV for headless runs
 *
 * Columns: time, team, category, summary, mitigation, inject (the last two may
 * be empty). time is an inject time (odan_time_parse); category is one of
 * business-continuity, disclosure, ministry-report, information-sharing, other.
 * inject may name several injects separated by ';'. Optional category
 * details: ministry and stage (ministry reports), channel and audience
 * (disclosure), recipients (information sharing; ';'-separated), bcp
 * (business continuity: the BCP is activated; yes/no, true/false, 1/0).
 *
 * A row whose category is `received` or `read` is an acknowledgement, not
 * a decision: the team acknowledges the delivery of each inject in the
 * inject column that reached it (OdanDecision.ack says which; its summary
 * may be empty). An information-sharing row that names injects and
 * recipients forwards those injects (engine/EXERCISE.md).
 */
#pragma once

#include <glib.h>
#include "odan-category.h"
#include "odan-pack.h"

G_BEGIN_DECLS

typedef struct {
  double        time;        /* minutes after T0 */
  guint32       team;        /* team index */
  OdanCategory  category;
  char         *summary;
  guint32       mitigation;  /* index or ODAN_NONE */
  guint32       inject;      /* the first inject it answers, or ODAN_NONE */
  guint         line;

  /* Every inject it answers (inject above is injects[0]), owned. */
  guint32         *injects;
  guint            n_injects;
  /* Category details, NULL or ODAN_REPORT_STAGE_NONE when not given. */
  char            *ministry;    /* ministry-report: the ministry reported to */
  OdanReportStage  stage;       /* ministry-report: 第一報 / 続報 / 最終報 */
  char            *channel;     /* disclosure (also sharing): press release, website, SNS… */
  char            *audience;    /* disclosure: the public, customers, shareholders… */
  char           **recipients;  /* information-sharing: "nisc", "ministry", "ceptoar",
                                 * "members", a sector id or a team id; NULL-terminated */
  gboolean         bcp;         /* business-continuity: the BCP is activated (BCP発動) */
  OdanAck          ack;         /* a row of a decisions CSV that acknowledges the
                                 * delivery of @injects instead of deciding */
} OdanDecision;

/* TRUE when @recipient is "nisc", "ministry", "ceptoar", "members" (any
 * case), the id of a sector of @pack or the id of a team of @pack. */
gboolean    odan_recipient_is_valid (const char *recipient, const OdanPack *pack);

/* Frees what a decision owns (the struct itself is not freed). */
void        odan_decision_clear (OdanDecision *decision);
/* A deep copy of @src into @dest. */
void        odan_decision_copy  (const OdanDecision *src, OdanDecision *dest);

/* Returns a GArray of OdanDecision in file order (its clear function frees
 * each summary: g_array_unref() is all it takes), or NULL with every problem
 * in @diagnostics (file named by its basename) and ODAN_PACK_ERROR_INVALID. */
GArray *odan_decisions_load (const char     *path,
                             const OdanPack *pack,
                             GPtrArray      *diagnostics,
                             GError        **error);

G_END_DECLS
