/* odan-category.c — the words for decision categories, report stages and
 * acknowledgements, one table each */
#define G_LOG_DOMAIN "odan-category"

#include "odan-category.h"

#include <string.h>

static const char *const category_names[] = {
  [ODAN_CATEGORY_BUSINESS_CONTINUITY] = "business-continuity",
  [ODAN_CATEGORY_DISCLOSURE] = "disclosure",
  [ODAN_CATEGORY_MINISTRY_REPORT] = "ministry-report",
  [ODAN_CATEGORY_INFORMATION_SHARING] = "information-sharing",
  [ODAN_CATEGORY_OTHER] = "other",
};

const char *
odan_category_to_string (OdanCategory category)
{
  g_return_val_if_fail ((guint) category < G_N_ELEMENTS (category_names), NULL);

  return category_names[category];
}

static const char *const stage_names[] = {
  [ODAN_REPORT_STAGE_NONE] = NULL,
  [ODAN_REPORT_STAGE_INITIAL] = "initial",
  [ODAN_REPORT_STAGE_FOLLOW_UP] = "follow-up",
  [ODAN_REPORT_STAGE_FINAL] = "final",
};

/* the words a Japanese report form uses */
static const char *const stage_names_ja[] = {
  [ODAN_REPORT_STAGE_NONE] = NULL,
  [ODAN_REPORT_STAGE_INITIAL] = "第一報",
  [ODAN_REPORT_STAGE_FOLLOW_UP] = "続報",
  [ODAN_REPORT_STAGE_FINAL] = "最終報",
};

const char *
odan_report_stage_to_string (OdanReportStage stage)
{
  g_return_val_if_fail ((guint) stage < G_N_ELEMENTS (stage_names), NULL);

  return stage_names[stage];
}

gboolean
odan_report_stage_from_string (const char      *text,
                               OdanReportStage *out)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = ODAN_REPORT_STAGE_INITIAL; i < G_N_ELEMENTS (stage_names); i++)
    if (g_ascii_strcasecmp (text, stage_names[i]) == 0 || strcmp (text, stage_names_ja[i]) == 0)
      {
        if (out != NULL)
          *out = (OdanReportStage) i;
        return TRUE;
      }
  return FALSE;
}

static const char *const ack_names[] = {
  [ODAN_ACK_NONE] = NULL,
  [ODAN_ACK_RECEIVED] = "received",
  [ODAN_ACK_READ] = "read",
};

const char *
odan_ack_to_string (OdanAck ack)
{
  g_return_val_if_fail ((guint) ack < G_N_ELEMENTS (ack_names), NULL);

  return ack_names[ack];
}

gboolean
odan_ack_from_string (const char *text,
                      OdanAck    *out)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = ODAN_ACK_RECEIVED; i < G_N_ELEMENTS (ack_names); i++)
    if (g_ascii_strcasecmp (text, ack_names[i]) == 0)
      {
        if (out != NULL)
          *out = (OdanAck) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
odan_category_from_string (const char   *text,
                           OdanCategory *out)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (category_names); i++)
    if (g_ascii_strcasecmp (text, category_names[i]) == 0)
      {
        if (out != NULL)
          *out = (OdanCategory) i;
        return TRUE;
      }
  return FALSE;
}
