/* odan-decisions.h — a decisions CSV for headless runs
 *
 * Columns: time, team, category, summary, mitigation, inject (the last two may
 * be empty). time is an inject time (odan_time_parse); category is one of
 * business-continuity, disclosure, ministry-report, information-sharing, other.
 * inject may name several injects separated by ';'. Optional category
 * details: ministry and stage (ministry reports), channel and audience
 * (disclosure), recipients (information sharing; ';'-separated).
 */
#pragma once

#include <glib.h>
#include "odan-pack.h"

G_BEGIN_DECLS

typedef enum {
  ODAN_CATEGORY_BUSINESS_CONTINUITY,
  ODAN_CATEGORY_DISCLOSURE,
  ODAN_CATEGORY_MINISTRY_REPORT,
  ODAN_CATEGORY_INFORMATION_SHARING,
  ODAN_CATEGORY_OTHER,
} OdanCategory;

/* The stage of a report to the ministry in charge. */
typedef enum {
  ODAN_REPORT_STAGE_NONE,       /* not given */
  ODAN_REPORT_STAGE_INITIAL,    /* 第一報 */
  ODAN_REPORT_STAGE_FOLLOW_UP,  /* 続報 */
  ODAN_REPORT_STAGE_FINAL,      /* 最終報 */
} OdanReportStage;

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
  char           **recipients;  /* information-sharing: "ceptoar", "nisc", "members"
                                 * or a sector id (another sector); NULL-terminated */
} OdanDecision;

const char *odan_category_to_string   (OdanCategory category);
gboolean    odan_category_from_string (const char *text, OdanCategory *out);

/* "initial", "follow-up", "final" (NULL for NONE); parsing also takes
 * 第一報, 続報 and 最終報. */
const char *odan_report_stage_to_string   (OdanReportStage stage);
gboolean    odan_report_stage_from_string (const char *text, OdanReportStage *out);

/* TRUE when @recipient is "ceptoar", "nisc", "members" (any case) or the id
 * of a sector of @pack. */
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
