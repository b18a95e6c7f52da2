/* odan-category.c — the words for decision categories, report stages and
 * acknowledgements: the nicks of their registered enums (odan-enum.h), with
 * the Japanese report stages as aliases */
#define G_LOG_DOMAIN "odan-category"

#include "odan-category.h"
#include "odan-enum.h"
#include "odan-model-enums.h"

#include <string.h>

const char *
odan_category_to_string (OdanCategory category)
{
  return odan_enum_to_nick (ODAN_TYPE_CATEGORY, category);
}

gboolean
odan_category_from_string (const char   *text,
                           OdanCategory *out)
{
  int value;

  g_return_val_if_fail (text != NULL, FALSE);

  if (!odan_enum_from_nick (ODAN_TYPE_CATEGORY, text, &value))
    return FALSE;
  if (out != NULL)
    *out = (OdanCategory) value;
  return TRUE;
}

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
  if (stage == ODAN_REPORT_STAGE_NONE)
    return NULL;
  return odan_enum_to_nick (ODAN_TYPE_REPORT_STAGE, stage);
}

gboolean
odan_report_stage_from_string (const char      *text,
                               OdanReportStage *out)
{
  int value = ODAN_REPORT_STAGE_NONE;

  g_return_val_if_fail (text != NULL, FALSE);

  if (!odan_enum_from_nick (ODAN_TYPE_REPORT_STAGE, text, &value))
    for (guint i = ODAN_REPORT_STAGE_INITIAL; i < G_N_ELEMENTS (stage_names_ja); i++)
      if (strcmp (text, stage_names_ja[i]) == 0)
        value = (int) i;
  if (value == ODAN_REPORT_STAGE_NONE)   /* "none" is no stage a form names */
    return FALSE;
  if (out != NULL)
    *out = (OdanReportStage) value;
  return TRUE;
}

const char *
odan_ack_to_string (OdanAck ack)
{
  if (ack == ODAN_ACK_NONE)
    return NULL;
  return odan_enum_to_nick (ODAN_TYPE_ACK, ack);
}

gboolean
odan_ack_from_string (const char *text,
                      OdanAck    *out)
{
  int value;

  g_return_val_if_fail (text != NULL, FALSE);

  if (!odan_enum_from_nick (ODAN_TYPE_ACK, text, &value) || value == ODAN_ACK_NONE)
    return FALSE;
  if (out != NULL)
    *out = (OdanAck) value;
  return TRUE;
}
