/* odan-category.h — what kind of decision a team logs
 *
 * A decision's category (the four the exercise practises, and other), the
 * stage of a report to the ministry in charge, and a team's acknowledgement
 * of a delivery. The pack, the decisions CSV and the exercise log all use
 * these words, so they live here, below all three.
 */
#pragma once

#include <glib.h>

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

/* An acknowledgement of a delivery by the team that received it. */
typedef enum {
  ODAN_ACK_NONE,       /* a decision, not an acknowledgement */
  ODAN_ACK_RECEIVED,   /* 受信確認: the message arrived */
  ODAN_ACK_READ,       /* 既読: someone read it (implies received) */
} OdanAck;

const char *odan_category_to_string   (OdanCategory category);
gboolean    odan_category_from_string (const char *text, OdanCategory *out);

/* "initial", "follow-up", "final" (NULL for NONE); parsing also takes
 * 第一報, 続報 and 最終報. */
const char *odan_report_stage_to_string   (OdanReportStage stage);
gboolean    odan_report_stage_from_string (const char *text, OdanReportStage *out);

/* "received", "read" (NULL for NONE). */
const char *odan_ack_to_string   (OdanAck ack);
gboolean    odan_ack_from_string (const char *text, OdanAck *out);

G_END_DECLS
