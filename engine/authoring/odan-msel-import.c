/* odan-msel-import.c — spreadsheet MSELs in and out of a pack
 *
 * Header names are compared in a normal form: NFKC (full-width letters and
 * brackets become ASCII), case-folded, with blanks and punctuation removed,
 * so "Designated Scenario Time", "designated_scenario_time" and
 * "ＤＥＳＩＧＮＡＴＥＤ　ＳＣＥＮＡＲＩＯ　ＴＩＭＥ" are one name. A name in
 * the synonym table maps with confidence 1; a name holding one of the
 * keywords of the second table maps with 0.6; anything else is kept as an
 * extra column (confidence 0). When two columns want one field, the surer
 * (then the first) wins and the other is kept as an extra column.
 *
 * Import collects every problem of every row before it gives up; only a
 * sheet with none reaches odan_msel_import_apply(), which writes the new
 * injects.csv to memory first, loads the pack from memory with it, and only
 * then replaces the file on disk (temporary file + rename).
 */
#define G_LOG_DOMAIN "odan-msel"

#include "odan-msel-import.h"
#include "odan-authoring-enums.h"
#include "odan-csv-private.h"
#include "odan-enum.h"
#include "odan-msel-time.h"
#include "odan-pack-writer.h"
#include "odan-time.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (odan-msel-error-quark, odan_msel_error)

/* ------------------------------------------------------------------ */
/* Fields */

/* The words are the nicks of OdanMselField (injects.csv's column names). */
const char *
odan_msel_field_to_string (OdanMselField field)
{
  g_return_val_if_fail (field < ODAN_MSEL_N_FIELDS, NULL);
  return odan_enum_to_nick (ODAN_TYPE_MSEL_FIELD, field);
}

gboolean
odan_msel_field_from_string (const char    *text,
                             OdanMselField *out)
{
  g_autofree char *word = NULL;
  int value;

  g_return_val_if_fail (text != NULL, FALSE);

  word = g_strstrip (g_strdup (text));
  if (!odan_enum_from_nick (ODAN_TYPE_MSEL_FIELD, word, &value))
    return FALSE;
  *out = (OdanMselField) value;
  return TRUE;
}

const char *
odan_msel_field_label (OdanMselField field)
{
  switch (field)
    {
    case ODAN_MSEL_FIELD_IGNORE:          return _("Ignored");
    case ODAN_MSEL_FIELD_ID:              return _("Inject id");
    case ODAN_MSEL_FIELD_TIME:            return _("Time");
    case ODAN_MSEL_FIELD_TO:              return _("Recipients");
    case ODAN_MSEL_FIELD_FROM:            return _("Sender");
    case ODAN_MSEL_FIELD_CHANNEL:         return _("Channel");
    case ODAN_MSEL_FIELD_TITLE:           return _("Title");
    case ODAN_MSEL_FIELD_TITLE_JA:        return _("Title (Japanese)");
    case ODAN_MSEL_FIELD_BODY:            return _("Message");
    case ODAN_MSEL_FIELD_EXPECTED_ACTION: return _("Expected action");
    case ODAN_MSEL_FIELD_OBJECTIVE:       return _("Objective");
    case ODAN_MSEL_FIELD_EFFECT:          return _("Effect on the model");
    case ODAN_MSEL_FIELD_SHARING:         return _("Sharing level");
    case ODAN_MSEL_FIELD_EVENT_TYPE:      return _("Event type");
    case ODAN_MSEL_FIELD_CONTROLLER:      return _("Responsible controller");
    case ODAN_MSEL_FIELD_EVALUATOR_INSTRUCTIONS: return _("Evaluator instructions");
    case ODAN_MSEL_FIELD_EXTRA:           return _("Kept as an extra column");
    case ODAN_MSEL_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* injects.csv's column for a field (NULL for ignore and extra). */
static const char *
field_column (OdanMselField field)
{
  if (field == ODAN_MSEL_FIELD_IGNORE || field == ODAN_MSEL_FIELD_EXTRA
      || field >= ODAN_MSEL_N_FIELDS)
    return NULL;
  return odan_msel_field_to_string (field);
}

static gboolean
field_is_single (OdanMselField field)
{
  return field != ODAN_MSEL_FIELD_IGNORE && field != ODAN_MSEL_FIELD_EXTRA;
}

/* ------------------------------------------------------------------ */
/* Header names */

typedef struct {
  OdanMselField field;
  const char   *name;
} Synonym;

/* Names as planners write them; compared in normal form. */
static const Synonym synonyms[] = {
  /* HSEEP and practitioner MSELs */
  { ODAN_MSEL_FIELD_ID, "Event Number" }, { ODAN_MSEL_FIELD_ID, "Event No" },
  { ODAN_MSEL_FIELD_ID, "Event #" }, { ODAN_MSEL_FIELD_ID, "Event ID" },
  { ODAN_MSEL_FIELD_ID, "Inject Number" }, { ODAN_MSEL_FIELD_ID, "Inject No" },
  { ODAN_MSEL_FIELD_ID, "Inject #" }, { ODAN_MSEL_FIELD_ID, "Inject ID" },
  { ODAN_MSEL_FIELD_ID, "MSEL Number" }, { ODAN_MSEL_FIELD_ID, "MSEL #" },
  { ODAN_MSEL_FIELD_ID, "Seq No" }, { ODAN_MSEL_FIELD_ID, "Sequence Number" },
  { ODAN_MSEL_FIELD_ID, "Seq" }, { ODAN_MSEL_FIELD_ID, "No" }, { ODAN_MSEL_FIELD_ID, "Number" },
  { ODAN_MSEL_FIELD_ID, "#" }, { ODAN_MSEL_FIELD_ID, "id" },
  { ODAN_MSEL_FIELD_TIME, "Designated Scenario Time" }, { ODAN_MSEL_FIELD_TIME, "Scenario Time" },
  { ODAN_MSEL_FIELD_TIME, "Time" }, { ODAN_MSEL_FIELD_TIME, "Date/Time Delivered" },
  { ODAN_MSEL_FIELD_TIME, "Date and Time" }, { ODAN_MSEL_FIELD_TIME, "Date/Time" },
  { ODAN_MSEL_FIELD_TIME, "Delivery Time" }, { ODAN_MSEL_FIELD_TIME, "Inject Time" },
  { ODAN_MSEL_FIELD_TIME, "Time Delivered" }, { ODAN_MSEL_FIELD_TIME, "Exercise Time" },
  { ODAN_MSEL_FIELD_TO, "To" }, { ODAN_MSEL_FIELD_TO, "To (Player/Group)" },
  { ODAN_MSEL_FIELD_TO, "Recipient" }, { ODAN_MSEL_FIELD_TO, "Recipients" },
  { ODAN_MSEL_FIELD_TO, "Recipient (To)" }, { ODAN_MSEL_FIELD_TO, "Intended Player" },
  { ODAN_MSEL_FIELD_TO, "Player" }, { ODAN_MSEL_FIELD_TO, "Players" },
  { ODAN_MSEL_FIELD_FROM, "From" }, { ODAN_MSEL_FIELD_FROM, "From (Controller/Entity)" },
  { ODAN_MSEL_FIELD_FROM, "Originator" }, { ODAN_MSEL_FIELD_FROM, "Originator (From)" },
  { ODAN_MSEL_FIELD_FROM, "Sender" }, { ODAN_MSEL_FIELD_FROM, "Controller" },
  { ODAN_MSEL_FIELD_CHANNEL, "Inject Mode" }, { ODAN_MSEL_FIELD_CHANNEL, "Mode" },
  { ODAN_MSEL_FIELD_CHANNEL, "Delivery Method" }, { ODAN_MSEL_FIELD_CHANNEL, "Method" },
  { ODAN_MSEL_FIELD_CHANNEL, "Channel" }, { ODAN_MSEL_FIELD_CHANNEL, "Means" },
  { ODAN_MSEL_FIELD_CHANNEL, "Delivery Mode" },
  { ODAN_MSEL_FIELD_TITLE, "Title" }, { ODAN_MSEL_FIELD_TITLE, "Subject" },
  { ODAN_MSEL_FIELD_TITLE, "Event Synopsis" }, { ODAN_MSEL_FIELD_TITLE, "Synopsis" },
  { ODAN_MSEL_FIELD_TITLE, "Headline" },
  { ODAN_MSEL_FIELD_TITLE_JA, "title_ja" }, { ODAN_MSEL_FIELD_TITLE_JA, "Title (Japanese)" },
  { ODAN_MSEL_FIELD_TITLE_JA, "Japanese Title" },
  { ODAN_MSEL_FIELD_BODY, "Message" }, { ODAN_MSEL_FIELD_BODY, "Inject" },
  { ODAN_MSEL_FIELD_BODY, "Inject Description" }, { ODAN_MSEL_FIELD_BODY, "Description" },
  { ODAN_MSEL_FIELD_BODY, "Body" }, { ODAN_MSEL_FIELD_BODY, "Content" },
  { ODAN_MSEL_FIELD_BODY, "Message Text" }, { ODAN_MSEL_FIELD_BODY, "Inject Text" },
  { ODAN_MSEL_FIELD_EXPECTED_ACTION, "Expected Participant Response" },
  { ODAN_MSEL_FIELD_EXPECTED_ACTION, "Expected Player Response" },
  { ODAN_MSEL_FIELD_EXPECTED_ACTION, "Expected Response" },
  { ODAN_MSEL_FIELD_EXPECTED_ACTION, "Expected Action" },
  { ODAN_MSEL_FIELD_EXPECTED_ACTION, "Expected Actions" },
  { ODAN_MSEL_FIELD_EXPECTED_ACTION, "Expected Player Action" },
  { ODAN_MSEL_FIELD_EXPECTED_ACTION, "Expected Outcome" },
  { ODAN_MSEL_FIELD_OBJECTIVE, "Objective/Capability/Critical Task" },
  { ODAN_MSEL_FIELD_OBJECTIVE, "Objective, Capability, and/or Critical Task" },
  { ODAN_MSEL_FIELD_OBJECTIVE, "Objective" }, { ODAN_MSEL_FIELD_OBJECTIVE, "Objectives" },
  { ODAN_MSEL_FIELD_OBJECTIVE, "Core Capability" }, { ODAN_MSEL_FIELD_OBJECTIVE, "Capability" },
  { ODAN_MSEL_FIELD_OBJECTIVE, "Critical Task" },
  { ODAN_MSEL_FIELD_EFFECT, "Effect" }, { ODAN_MSEL_FIELD_EFFECT, "Effects" },
  { ODAN_MSEL_FIELD_EFFECT, "Model Effect" }, { ODAN_MSEL_FIELD_EFFECT, "Odan Effect" },
  { ODAN_MSEL_FIELD_SHARING, "Sharing" }, { ODAN_MSEL_FIELD_SHARING, "Sharing Level" },
  { ODAN_MSEL_FIELD_SHARING, "TLP" },
  { ODAN_MSEL_FIELD_EXTRA, "Notes" }, { ODAN_MSEL_FIELD_EXTRA, "Note" },
  { ODAN_MSEL_FIELD_EXTRA, "Remarks" }, { ODAN_MSEL_FIELD_EXTRA, "Comments" },
  { ODAN_MSEL_FIELD_EXTRA, "Controller Notes" },
  { ODAN_MSEL_FIELD_EVENT_TYPE, "Event Type" }, { ODAN_MSEL_FIELD_EVENT_TYPE, "Inject Type" },
  { ODAN_MSEL_FIELD_EVENT_TYPE, "event_type" }, { ODAN_MSEL_FIELD_EVENT_TYPE, "Type" },
  { ODAN_MSEL_FIELD_CONTROLLER, "Responsible Controller" }, { ODAN_MSEL_FIELD_CONTROLLER, "responsible_controller" },
  { ODAN_MSEL_FIELD_CONTROLLER, "Controller Responsible" },
  { ODAN_MSEL_FIELD_EVALUATOR_INSTRUCTIONS, "Evaluator Instructions" },
  { ODAN_MSEL_FIELD_EVALUATOR_INSTRUCTIONS, "evaluator_instructions" },
  { ODAN_MSEL_FIELD_EVALUATOR_INSTRUCTIONS, "Notes to Evaluators" },
  { ODAN_MSEL_FIELD_EVALUATOR_INSTRUCTIONS, "Evaluator Notes" },
  { ODAN_MSEL_FIELD_EXTRA, "Learning Points" }, { ODAN_MSEL_FIELD_EXTRA, "Completed" },
  { ODAN_MSEL_FIELD_EXTRA, "Actual Time" },
  /* Japanese inject cards (状況付与票) */
  { ODAN_MSEL_FIELD_ID, "番号" }, { ODAN_MSEL_FIELD_ID, "付与番号" }, { ODAN_MSEL_FIELD_ID, "通番" },
  { ODAN_MSEL_FIELD_ID, "項番" }, { ODAN_MSEL_FIELD_ID, "状況付与番号" },
  { ODAN_MSEL_FIELD_ID, "イベント番号" }, { ODAN_MSEL_FIELD_ID, "NO." },
  { ODAN_MSEL_FIELD_TIME, "付与時刻" }, { ODAN_MSEL_FIELD_TIME, "時刻" },
  { ODAN_MSEL_FIELD_TIME, "付与時間" }, { ODAN_MSEL_FIELD_TIME, "想定時刻" },
  { ODAN_MSEL_FIELD_TIME, "時間" }, { ODAN_MSEL_FIELD_TIME, "日時" },
  { ODAN_MSEL_FIELD_TIME, "発生時刻" }, { ODAN_MSEL_FIELD_TIME, "状況付与時刻" },
  { ODAN_MSEL_FIELD_TIME, "演習時刻" }, { ODAN_MSEL_FIELD_TIME, "想定時間" },
  { ODAN_MSEL_FIELD_TO, "付与先" }, { ODAN_MSEL_FIELD_TO, "宛先" }, { ODAN_MSEL_FIELD_TO, "対象" },
  { ODAN_MSEL_FIELD_TO, "受信者" }, { ODAN_MSEL_FIELD_TO, "対象者" }, { ODAN_MSEL_FIELD_TO, "付与対象" },
  { ODAN_MSEL_FIELD_TO, "プレーヤー" }, { ODAN_MSEL_FIELD_TO, "受信先" },
  { ODAN_MSEL_FIELD_FROM, "発信元" }, { ODAN_MSEL_FIELD_FROM, "送信者" },
  { ODAN_MSEL_FIELD_FROM, "発信者" }, { ODAN_MSEL_FIELD_FROM, "差出人" }, { ODAN_MSEL_FIELD_FROM, "送信元" },
  { ODAN_MSEL_FIELD_CHANNEL, "伝達手段" }, { ODAN_MSEL_FIELD_CHANNEL, "手段" },
  { ODAN_MSEL_FIELD_CHANNEL, "伝達方法" }, { ODAN_MSEL_FIELD_CHANNEL, "付与方法" },
  { ODAN_MSEL_FIELD_CHANNEL, "付与手段" }, { ODAN_MSEL_FIELD_CHANNEL, "媒体" },
  { ODAN_MSEL_FIELD_TITLE, "件名" }, { ODAN_MSEL_FIELD_TITLE, "表題" }, { ODAN_MSEL_FIELD_TITLE, "タイトル" },
  { ODAN_MSEL_FIELD_TITLE, "見出し" }, { ODAN_MSEL_FIELD_TITLE, "概要" },
  { ODAN_MSEL_FIELD_TITLE_JA, "件名（日本語）" }, { ODAN_MSEL_FIELD_TITLE_JA, "タイトル（日本語）" },
  { ODAN_MSEL_FIELD_BODY, "付与内容" }, { ODAN_MSEL_FIELD_BODY, "内容" },
  { ODAN_MSEL_FIELD_BODY, "状況付与内容" }, { ODAN_MSEL_FIELD_BODY, "状況付与" },
  { ODAN_MSEL_FIELD_BODY, "本文" }, { ODAN_MSEL_FIELD_BODY, "付与情報" },
  { ODAN_MSEL_FIELD_BODY, "状況" }, { ODAN_MSEL_FIELD_BODY, "メッセージ" },
  { ODAN_MSEL_FIELD_EXPECTED_ACTION, "期待される対応" }, { ODAN_MSEL_FIELD_EXPECTED_ACTION, "期待される行動" },
  { ODAN_MSEL_FIELD_EXPECTED_ACTION, "期待される対応行動" }, { ODAN_MSEL_FIELD_EXPECTED_ACTION, "期待する対応" },
  { ODAN_MSEL_FIELD_EXPECTED_ACTION, "期待行動" }, { ODAN_MSEL_FIELD_EXPECTED_ACTION, "想定される対応" },
  { ODAN_MSEL_FIELD_EXPECTED_ACTION, "想定対応" }, { ODAN_MSEL_FIELD_EXPECTED_ACTION, "求める対応" },
  { ODAN_MSEL_FIELD_OBJECTIVE, "目的" }, { ODAN_MSEL_FIELD_OBJECTIVE, "訓練目標" },
  { ODAN_MSEL_FIELD_OBJECTIVE, "演習目標" }, { ODAN_MSEL_FIELD_OBJECTIVE, "目標" },
  { ODAN_MSEL_FIELD_OBJECTIVE, "訓練目的" }, { ODAN_MSEL_FIELD_OBJECTIVE, "演習目的" },
  { ODAN_MSEL_FIELD_OBJECTIVE, "検証項目" }, { ODAN_MSEL_FIELD_OBJECTIVE, "ねらい" },
  { ODAN_MSEL_FIELD_EFFECT, "効果" }, { ODAN_MSEL_FIELD_EFFECT, "モデルへの効果" },
  { ODAN_MSEL_FIELD_EFFECT, "モデルへの影響" },
  { ODAN_MSEL_FIELD_SHARING, "共有レベル" }, { ODAN_MSEL_FIELD_SHARING, "共有範囲" },
  { ODAN_MSEL_FIELD_SHARING, "取扱区分" },
  { ODAN_MSEL_FIELD_EXTRA, "備考" }, { ODAN_MSEL_FIELD_EXTRA, "メモ" }, { ODAN_MSEL_FIELD_EXTRA, "注記" },
  { ODAN_MSEL_FIELD_EXTRA, "補足" },
  { ODAN_MSEL_FIELD_EVENT_TYPE, "付与種別" }, { ODAN_MSEL_FIELD_EVENT_TYPE, "種別" },
  { ODAN_MSEL_FIELD_EVENT_TYPE, "イベント種別" },
  { ODAN_MSEL_FIELD_CONTROLLER, "コントローラー" }, { ODAN_MSEL_FIELD_CONTROLLER, "担当" },
  { ODAN_MSEL_FIELD_CONTROLLER, "担当コントローラー" }, { ODAN_MSEL_FIELD_CONTROLLER, "付与担当" },
  { ODAN_MSEL_FIELD_EVALUATOR_INSTRUCTIONS, "評価者への指示" },
  { ODAN_MSEL_FIELD_EVALUATOR_INSTRUCTIONS, "評価の着眼点" }, { ODAN_MSEL_FIELD_EVALUATOR_INSTRUCTIONS, "評価着眼点" },
};

/* Words a name may contain; first match wins, so longer words come first. */
static const Synonym keywords[] = {
  { ODAN_MSEL_FIELD_EXPECTED_ACTION, "expected" }, { ODAN_MSEL_FIELD_EXPECTED_ACTION, "期待" },
  { ODAN_MSEL_FIELD_EXPECTED_ACTION, "response" }, { ODAN_MSEL_FIELD_EXPECTED_ACTION, "対応" },
  { ODAN_MSEL_FIELD_OBJECTIVE, "objective" }, { ODAN_MSEL_FIELD_OBJECTIVE, "capabilit" },
  { ODAN_MSEL_FIELD_OBJECTIVE, "目標" }, { ODAN_MSEL_FIELD_OBJECTIVE, "目的" },
  { ODAN_MSEL_FIELD_TITLE_JA, "日本語" },
  { ODAN_MSEL_FIELD_TIME, "time" }, { ODAN_MSEL_FIELD_TIME, "時刻" }, { ODAN_MSEL_FIELD_TIME, "時間" },
  { ODAN_MSEL_FIELD_TIME, "日時" },
  { ODAN_MSEL_FIELD_BODY, "message" }, { ODAN_MSEL_FIELD_BODY, "description" },
  { ODAN_MSEL_FIELD_BODY, "内容" }, { ODAN_MSEL_FIELD_BODY, "本文" },
  { ODAN_MSEL_FIELD_CHANNEL, "mode" }, { ODAN_MSEL_FIELD_CHANNEL, "method" },
  { ODAN_MSEL_FIELD_CHANNEL, "手段" }, { ODAN_MSEL_FIELD_CHANNEL, "方法" },
  { ODAN_MSEL_FIELD_FROM, "from" }, { ODAN_MSEL_FIELD_FROM, "originator" },
  { ODAN_MSEL_FIELD_FROM, "sender" }, { ODAN_MSEL_FIELD_FROM, "発信" }, { ODAN_MSEL_FIELD_FROM, "送信" },
  { ODAN_MSEL_FIELD_TO, "recipient" }, { ODAN_MSEL_FIELD_TO, "player" },
  { ODAN_MSEL_FIELD_TO, "宛" }, { ODAN_MSEL_FIELD_TO, "付与先" }, { ODAN_MSEL_FIELD_TO, "対象" },
  { ODAN_MSEL_FIELD_TITLE, "title" }, { ODAN_MSEL_FIELD_TITLE, "subject" },
  { ODAN_MSEL_FIELD_TITLE, "件名" }, { ODAN_MSEL_FIELD_TITLE, "タイトル" },
  { ODAN_MSEL_FIELD_EFFECT, "effect" }, { ODAN_MSEL_FIELD_EFFECT, "効果" },
  { ODAN_MSEL_FIELD_SHARING, "tlp" }, { ODAN_MSEL_FIELD_SHARING, "共有" },
  { ODAN_MSEL_FIELD_ID, "number" }, { ODAN_MSEL_FIELD_ID, "番号" },
  { ODAN_MSEL_FIELD_EVALUATOR_INSTRUCTIONS, "evaluator" }, { ODAN_MSEL_FIELD_EVALUATOR_INSTRUCTIONS, "評価" },
  { ODAN_MSEL_FIELD_CONTROLLER, "controller" },
  { ODAN_MSEL_FIELD_EXTRA, "note" }, { ODAN_MSEL_FIELD_EXTRA, "remark" },
  { ODAN_MSEL_FIELD_EXTRA, "comment" }, { ODAN_MSEL_FIELD_EXTRA, "備考" },
};

/* NFKC, case-folded, without blanks and punctuation. */
static char *
normal_name (const char *name)
{
  g_autofree char *nfkc = g_utf8_normalize (name, -1, G_NORMALIZE_NFKC);
  g_autofree char *folded = NULL;
  GString *out;

  if (nfkc == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (nfkc, -1);
  out = g_string_new (NULL);
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_ispunct (c))
        continue;
      g_string_append_unichar (out, c);
    }
  /* "#" alone is a name too */
  if (out->len == 0 && strchr (nfkc, '#') != NULL)
    g_string_append_c (out, '#');
  return g_string_free (out, FALSE);
}

static gboolean
lookup_exact (const char    *normal,
              OdanMselField *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (synonyms); i++)
    {
      g_autofree char *n = normal_name (synonyms[i].name);

      if (strcmp (n, normal) == 0)
        {
          *out = synonyms[i].field;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
lookup_keyword (const char    *normal,
                OdanMselField *out)
{
  if (normal[0] == '\0')
    return FALSE;
  /* "to" only as the start of a name: "To (Players)", not "Photo" */
  if (g_str_has_prefix (normal, "to") && !g_str_has_prefix (normal, "tot")
      && !g_str_has_prefix (normal, "top"))
    {
      *out = ODAN_MSEL_FIELD_TO;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (keywords); i++)
    if (strstr (normal, keywords[i].name) != NULL)
      {
        *out = keywords[i].field;
        return TRUE;
      }
  return FALSE;
}

char *
odan_msel_header_signature (const char *const *headers)
{
  GString *joined = g_string_new (NULL);
  g_autofree char *sum = NULL;

  g_return_val_if_fail (headers != NULL, NULL);

  for (guint i = 0; headers[i] != NULL; i++)
    {
      g_autofree char *n = normal_name (headers[i]);

      g_string_append (joined, n);
      g_string_append_c (joined, '\x1f');
    }
  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, joined->str, (gssize) joined->len);
  g_string_free (joined, TRUE);
  return g_strndup (sum, 16);
}

OdanMselMapping *
odan_msel_mapping_propose (const char *const *headers)
{
  OdanMselMapping *mapping;
  int holder[ODAN_MSEL_N_FIELDS];

  g_return_val_if_fail (headers != NULL, NULL);

  mapping = g_new0 (OdanMselMapping, 1);
  mapping->n_columns = g_strv_length ((char **) headers);
  mapping->columns = g_new0 (OdanMselColumn, MAX (mapping->n_columns, 1));
  mapping->signature = odan_msel_header_signature (headers);
  for (guint f = 0; f < ODAN_MSEL_N_FIELDS; f++)
    holder[f] = -1;

  for (guint c = 0; c < mapping->n_columns; c++)
    {
      OdanMselColumn *col = &mapping->columns[c];
      g_autofree char *normal = normal_name (headers[c]);
      OdanMselField field;

      col->header = g_strdup (headers[c]);
      if (lookup_exact (normal, &field))
        col->confidence = 1.0;
      else if (lookup_keyword (normal, &field))
        col->confidence = 0.6;
      else
        {
          /* an empty header over empty cells is nothing to keep */
          field = normal[0] == '\0' ? ODAN_MSEL_FIELD_IGNORE : ODAN_MSEL_FIELD_EXTRA;
          col->confidence = 0.0;
        }
      col->field = field;

      if (field_is_single (field))
        {
          int h = holder[field];

          if (h < 0)
            holder[field] = (int) c;
          else if (mapping->columns[h].confidence < col->confidence)
            {
              mapping->columns[h].field = ODAN_MSEL_FIELD_EXTRA;
              mapping->columns[h].confidence = 0.0;
              holder[field] = (int) c;
            }
          else
            {
              col->field = ODAN_MSEL_FIELD_EXTRA;
              col->confidence = 0.0;
            }
        }
    }

  /* A sheet with a message but no title column: the message gives titles.
   * One with a title column but no message: fine as it is. */
  return mapping;
}

OdanMselMapping *
odan_msel_mapping_copy (const OdanMselMapping *mapping)
{
  OdanMselMapping *copy;

  g_return_val_if_fail (mapping != NULL, NULL);

  copy = g_new0 (OdanMselMapping, 1);
  copy->n_columns = mapping->n_columns;
  copy->columns = g_new0 (OdanMselColumn, MAX (mapping->n_columns, 1));
  copy->signature = g_strdup (mapping->signature);
  for (guint c = 0; c < mapping->n_columns; c++)
    {
      copy->columns[c] = mapping->columns[c];
      copy->columns[c].header = g_strdup (mapping->columns[c].header);
    }
  return copy;
}

void
odan_msel_mapping_free (OdanMselMapping *mapping)
{
  if (mapping == NULL)
    return;
  for (guint c = 0; c < mapping->n_columns; c++)
    g_free (mapping->columns[c].header);
  g_free (mapping->columns);
  g_free (mapping->signature);
  g_free (mapping);
}

int
odan_msel_mapping_find (const OdanMselMapping *mapping,
                        OdanMselField          field)
{
  g_return_val_if_fail (mapping != NULL, -1);

  for (guint c = 0; c < mapping->n_columns; c++)
    if (mapping->columns[c].field == field)
      return (int) c;
  return -1;
}

int
odan_msel_mapping_set (OdanMselMapping *mapping,
                       guint            column,
                       OdanMselField    field)
{
  int moved = -1;

  g_return_val_if_fail (mapping != NULL, -1);
  g_return_val_if_fail (column < mapping->n_columns, -1);
  g_return_val_if_fail (field < ODAN_MSEL_N_FIELDS, -1);

  if (field_is_single (field))
    {
      int other = odan_msel_mapping_find (mapping, field);

      if (other >= 0 && (guint) other != column)
        {
          mapping->columns[other].field = ODAN_MSEL_FIELD_EXTRA;
          mapping->columns[other].confidence = 0.0;
          moved = other;
        }
    }
  mapping->columns[column].field = field;
  mapping->columns[column].confidence = 1.0;
  return moved;
}

/* The name an extra column gets in injects.csv. */
static char *
extra_name (const OdanMselColumn *col,
            guint                 c)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (col->header));

  if (trimmed[0] == '\0')
    return g_strdup_printf ("column_%u", c + 1);
  return g_steal_pointer (&trimmed);
}

gboolean
odan_msel_mapping_check (const OdanMselMapping *mapping,
                         GError               **error)
{
  g_autoptr(GHashTable) extras = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint count[ODAN_MSEL_N_FIELDS] = { 0 };

  g_return_val_if_fail (mapping != NULL, FALSE);

  for (guint c = 0; c < mapping->n_columns; c++)
    {
      const OdanMselColumn *col = &mapping->columns[c];

      count[col->field]++;
      if (field_is_single (col->field) && count[col->field] > 1)
        {
          g_set_error (error, ODAN_MSEL_ERROR, ODAN_MSEL_ERROR_MAPPING,
                       _("two columns are mapped to the field “%s”; map one of them to another field"),
                       odan_msel_field_label (col->field));
          return FALSE;
        }
      if (col->field == ODAN_MSEL_FIELD_EXTRA)
        {
          g_autofree char *name = extra_name (col, c);
          g_autofree char *lower = g_ascii_strdown (name, -1);
          OdanMselField known;

          if (odan_msel_field_from_string (lower, &known) && field_column (known) != NULL)
            {
              g_set_error (error, ODAN_MSEL_ERROR, ODAN_MSEL_ERROR_MAPPING,
                           _("column “%s” cannot be kept as an extra column: injects.csv uses "
                             "that name for a field; map it to the field or ignore it"), name);
              return FALSE;
            }
          if (!g_hash_table_add (extras, g_steal_pointer (&lower)))
            {
              g_set_error (error, ODAN_MSEL_ERROR, ODAN_MSEL_ERROR_MAPPING,
                           _("two columns named “%s” cannot both be kept as extra columns"), name);
              return FALSE;
            }
        }
    }
  if (count[ODAN_MSEL_FIELD_TIME] == 0)
    {
      g_set_error_literal (error, ODAN_MSEL_ERROR, ODAN_MSEL_ERROR_MAPPING,
                           _("no column is mapped to the time of the injects"));
      return FALSE;
    }
  if (count[ODAN_MSEL_FIELD_TO] == 0)
    {
      g_set_error_literal (error, ODAN_MSEL_ERROR, ODAN_MSEL_ERROR_MAPPING,
                           _("no column is mapped to the recipients of the injects"));
      return FALSE;
    }
  if (count[ODAN_MSEL_FIELD_BODY] == 0 && count[ODAN_MSEL_FIELD_TITLE] == 0)
    {
      g_set_error_literal (error, ODAN_MSEL_ERROR, ODAN_MSEL_ERROR_MAPPING,
                           _("no column is mapped to the message or the title of the injects"));
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The mapping file */

static char *
mapping_group (const char *signature)
{
  return g_strconcat ("mapping ", signature, NULL);
}

gboolean
odan_msel_mapping_save (const OdanMselMapping *mapping,
                        const char            *path,
                        GError               **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *group = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autoptr(GBytes) bytes = NULL;
  gsize len;

  g_return_val_if_fail (mapping != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_KEEP_COMMENTS, &local_error)
      && !g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
      return FALSE;
    }

  group = mapping_group (mapping->signature);
  g_key_file_remove_group (kf, group, NULL);
  for (guint c = 0; c < mapping->n_columns; c++)
    {
      g_ptr_array_add (columns, mapping->columns[c].header);
      g_ptr_array_add (fields, (gpointer) odan_msel_field_to_string (mapping->columns[c].field));
    }
  g_key_file_set_string_list (kf, group, "columns",
                              (const char *const *) columns->pdata, columns->len);
  g_key_file_set_string_list (kf, group, "fields",
                              (const char *const *) fields->pdata, fields->len);

  data = g_key_file_to_data (kf, &len, NULL);
  bytes = g_bytes_new (data, len);
  return odan_write_file_atomic (path, bytes, error);
}

OdanMselMapping *
odan_msel_mapping_load (const char         *path,
                        const char *const  *headers,
                        GError            **error)
{
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(OdanMselMapping) mapping = NULL;
  g_autofree char *group = NULL;
  g_auto(GStrv) fields = NULL;
  gsize n_fields = 0;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (headers != NULL, NULL);

  if (!g_key_file_load_from_file (kf, path, G_KEY_FILE_NONE, &local_error))
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", path);
      return NULL;
    }

  mapping = odan_msel_mapping_propose (headers);
  group = mapping_group (mapping->signature);
  if (!g_key_file_has_group (kf, group))
    {
      g_set_error (error, ODAN_MSEL_ERROR, ODAN_MSEL_ERROR_NO_MAPPING,
                   _("%s: no mapping for a sheet with these columns (signature %s)"),
                   path, mapping->signature);
      return NULL;
    }
  fields = g_key_file_get_string_list (kf, group, "fields", &n_fields, &local_error);
  if (fields == NULL || n_fields != mapping->n_columns)
    {
      g_set_error (error, ODAN_MSEL_ERROR, ODAN_MSEL_ERROR_MAPPING,
                   _("%s: group [%s] needs a key “fields” with one field for each of the %u columns"),
                   path, group, mapping->n_columns);
      return NULL;
    }
  for (guint c = 0; c < mapping->n_columns; c++)
    {
      OdanMselField field;

      if (!odan_msel_field_from_string (fields[c], &field))
        {
          g_set_error (error, ODAN_MSEL_ERROR, ODAN_MSEL_ERROR_MAPPING,
                       _("%s: unknown field “%s” for column “%s”"),
                       path, fields[c], mapping->columns[c].header);
          return NULL;
        }
      mapping->columns[c].field = field;
      mapping->columns[c].confidence = 1.0;
    }
  return g_steal_pointer (&mapping);
}

/* ------------------------------------------------------------------ */
/* Reading the sheet */

static void
row_free (OdanMselRow *row)
{
  if (row == NULL)
    return;   /* moved to the sheet */
  g_strfreev (row->fields);
  g_free (row);
}

void
odan_msel_sheet_free (OdanMselSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_free (sheet->path);
  g_free (sheet->sheet);
  g_strfreev (sheet->headers);
  g_clear_pointer (&sheet->rows, g_ptr_array_unref);
  g_free (sheet);
}

static gboolean
collect_row (const OdanCsvRow *row,
             gpointer          user_data,
             GError          **error)
{
  GPtrArray *rows = user_data;
  OdanMselRow *r = g_new0 (OdanMselRow, 1);

  r->line = row->line;
  r->n_fields = row->n_fields;
  r->fields = g_new0 (char *, row->n_fields + 1);
  for (guint i = 0; i < row->n_fields; i++)
    r->fields[i] = g_strndup (row->fields[i], row->lengths[i]);
  g_ptr_array_add (rows, r);
  return TRUE;
}

/* How many cells of @row are names of the synonym table. */
static guint
header_score (const OdanMselRow *row)
{
  guint score = 0;

  for (guint i = 0; i < row->n_fields; i++)
    {
      g_autofree char *normal = normal_name (row->fields[i]);
      OdanMselField field;

      if (normal[0] != '\0' && lookup_exact (normal, &field))
        score++;
    }
  return score;
}

/* The sheet of @rows (OdanMselRow*, as read): its header is the row that
 * names the most known columns — title rows ("Exercise name", "Date of
 * last revision") and blank ones may come first, any number of them —
 * and the rows below it are the data. */
static OdanMselSheet *
sheet_from_rows (OdanMselSheet  *sheet_in,
                 GPtrArray      *rows,
                 GError        **error)
{
  g_autoptr(OdanMselSheet) sheet = sheet_in;
  guint header = 0, best = 0;
  OdanMselRow *h;
  GPtrArray *headers;

  if (rows->len == 0)
    {
      g_set_error (error, ODAN_MSEL_ERROR, ODAN_MSEL_ERROR_EMPTY,
                   _("%s: the file is empty (expected a header row)"), sheet->path);
      return NULL;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      guint score = header_score (g_ptr_array_index (rows, i));

      if (score > best)
        {
          best = score;
          header = i;
        }
    }

  h = g_ptr_array_index (rows, header);
  sheet->header_line = h->line;
  /* trailing empty header cells over nothing are Excel's formatting */
  sheet->n_columns = h->n_fields;
  headers = g_ptr_array_new ();
  for (guint i = 0; i < h->n_fields; i++)
    g_ptr_array_add (headers, g_strstrip (g_strdup (h->fields[i])));
  g_ptr_array_add (headers, NULL);
  sheet->headers = (char **) g_ptr_array_free (headers, FALSE);

  sheet->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  for (guint i = header + 1; i < rows->len; i++)
    {
      OdanMselRow *r = g_ptr_array_index (rows, i);

      /* pad short rows so every column has a cell */
      if (r->n_fields < sheet->n_columns)
        {
          r->fields = g_renew (char *, r->fields, sheet->n_columns + 1);
          for (guint f = r->n_fields; f < sheet->n_columns; f++)
            r->fields[f] = g_strdup ("");
          r->fields[sheet->n_columns] = NULL;
        }
      g_ptr_array_add (sheet->rows, g_steal_pointer (&g_ptr_array_index (rows, i)));
    }
  return g_steal_pointer (&sheet);
}

OdanMselSheet *
odan_msel_sheet_read_data (const char  *name,
                           const char  *data,
                           gsize        len,
                           GError     **error)
{
  g_autoptr(OdanMselSheet) sheet = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);

  g_return_val_if_fail (name != NULL, NULL);

  sheet = g_new0 (OdanMselSheet, 1);
  sheet->path = g_strdup (name);
  if (!odan_csv_read_data (name, data, len, collect_row, rows, &sheet->encoding, error))
    return NULL;
  return sheet_from_rows (g_steal_pointer (&sheet), rows, error);
}

OdanMselSheet *
odan_msel_sheet_read_sheet (const char  *path,
                            const char  *sheet_name,
                            GError     **error)
{
  g_autoptr(OdanMselSheet) sheet = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  g_auto(GStrv) names = NULL;
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_return_val_if_fail (path != NULL, NULL);

  if (!odan_xlsx_is_workbook (path))
    {
      if (sheet_name != NULL)
        {
          g_set_error (error, ODAN_XLSX_ERROR, ODAN_XLSX_ERROR_NO_SHEET,
                       _("%s: a CSV file has no sheets; a sheet is chosen only in a workbook (.xlsx)"), path);
          return NULL;
        }
      if (!g_file_get_contents (path, &contents, &len, error))
        return NULL;
      return odan_msel_sheet_read_data (path, contents, len, error);
    }
  names = odan_xlsx_list_sheets (path, error);
  if (names == NULL)
    return NULL;
  sheet = g_new0 (OdanMselSheet, 1);
  sheet->path = g_strdup (path);
  sheet->sheet = g_strdup (sheet_name != NULL ? sheet_name : names[0]);
  if (!odan_xlsx_read_sheet (path, sheet->sheet, collect_row, rows, error))
    return NULL;
  return sheet_from_rows (g_steal_pointer (&sheet), rows, error);
}

OdanMselSheet *
odan_msel_sheet_read (const char  *path,
                      GError     **error)
{
  return odan_msel_sheet_read_sheet (path, NULL, error);
}

/* ------------------------------------------------------------------ */
/* Rows to injects */

static void
msel_inject_free (OdanMselInject *in)
{
  g_free (in->id);
  g_free (in->time_text);
  g_free (in->to);
  g_free (in->from);
  g_free (in->channel);
  g_free (in->title);
  g_free (in->title_ja);
  g_free (in->body);
  g_free (in->expected_action);
  g_free (in->objective);
  g_free (in->effect);
  g_free (in->sharing);
  g_free (in->event_type);
  g_free (in->controller);
  g_free (in->evaluator_instructions);
  g_free (in->extra);   /* its values, which may be NULL, go in odan_msel_import_free() */
  g_free (in);
}

void
odan_msel_import_free (OdanMselImport *import)
{
  if (import == NULL)
    return;
  g_free (import->path);
  for (guint i = 0; import->injects != NULL && i < import->injects->len; i++)
    {
      OdanMselInject *in = g_ptr_array_index (import->injects, i);

      for (guint e = 0; in->extra != NULL && e < import->n_extra; e++)
        g_free (in->extra[e]);
    }
  g_strfreev (import->extra_names);
  g_clear_pointer (&import->injects, g_ptr_array_unref);
  g_strfreev (import->column_headers);
  g_free (import);
}

/* A cell for injects.csv: CRLF inside a cell becomes LF; blank is NULL. */
static char *
clean_text (const char *cell,
            gboolean    strip)
{
  GString *out;
  g_autofree char *trimmed = NULL;

  if (cell == NULL)
    return NULL;
  trimmed = g_strdup (cell);
  if (strip)
    g_strstrip (trimmed);
  out = g_string_new (NULL);
  for (const char *p = trimmed; *p != '\0'; p++)
    if (!(p[0] == '\r' && p[1] == '\n'))
      g_string_append_c (out, *p == '\r' ? '\n' : *p);
  if (out->len == 0 || strspn (out->str, " \t\n") == out->len)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

#define TITLE_MAX_CHARS 80

/* The first line, then the first sentence, of a message. */
static char *
title_from_body (const char *body)
{
  g_autofree char *first = NULL;
  const char *nl;
  const char *end = NULL;
  glong n_chars;

  while (*body == ' ' || *body == '\t' || *body == '\n')
    body++;
  nl = strchr (body, '\n');
  first = nl != NULL ? g_strndup (body, (gsize) (nl - body)) : g_strdup (body);

  for (const char *p = first; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x3002 || c == 0xFF01 || c == 0xFF1F)   /* 。！？ */
        {
          end = p;
          break;
        }
      if ((c == '.' || c == '!' || c == '?') && (p[1] == ' ' || p[1] == '\0'))
        {
          end = p;
          break;
        }
    }
  if (end != NULL)
    first[end - first] = '\0';
  g_strstrip (first);

  n_chars = g_utf8_strlen (first, -1);
  if (n_chars > TITLE_MAX_CHARS)
    {
      char *cut = g_utf8_offset_to_pointer (first, TITLE_MAX_CHARS - 1);

      *cut = '\0';
      g_strchomp (first);
      return g_strconcat (first, "…", NULL);
    }
  return g_steal_pointer (&first);
}

/* Recipient names: team ids and names resolve first, sectors second. */
typedef struct {
  GHashTable *teams;     /* normal name → GArray of team indices */
  GHashTable *sectors;
} Recipients;

static void
alias_add (GHashTable *table,
           const char *name,
           guint32     team)
{
  g_autofree char *key = NULL;
  GArray *list;

  if (name == NULL || name[0] == '\0')
    return;
  key = normal_name (name);
  if (key[0] == '\0')
    return;
  list = g_hash_table_lookup (table, key);
  if (list == NULL)
    {
      list = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_hash_table_insert (table, g_steal_pointer (&key), list);
    }
  for (guint i = 0; i < list->len; i++)
    if (g_array_index (list, guint32, i) == team)
      return;
  g_array_append_val (list, team);
}

/* "電力チーム" → "電力", "Water team" → "Water" */
static void
alias_add_without_team (GHashTable *table,
                        const char *name,
                        guint32     team)
{
  static const char *const suffixes[] = { "チーム", "班", " team", " Team" };

  if (name == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_str_has_suffix (name, suffixes[i]) && strlen (name) > strlen (suffixes[i]))
      {
        g_autofree char *stem = g_strndup (name, strlen (name) - strlen (suffixes[i]));

        alias_add (table, stem, team);
      }
}

static void
recipients_init (Recipients     *r,
                 const OdanPack *pack)
{
  r->teams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  r->sectors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);

  for (guint32 t = 0; t < pack->n_teams; t++)
    {
      const OdanTeam *team = &pack->teams[t];

      alias_add (r->teams, team->id, t);
      alias_add (r->teams, team->name, t);
      alias_add (r->teams, team->name_ja, t);
      alias_add_without_team (r->teams, team->name, t);
      alias_add_without_team (r->teams, team->name_ja, t);
      if (team->sector != ODAN_NONE && team->sector < pack->n_sectors)
        {
          const OdanSector *s = &pack->sectors[team->sector];

          alias_add (r->sectors, s->id, t);
          alias_add (r->sectors, s->name, t);
          alias_add (r->sectors, s->name_ja, t);
        }
    }
}

static void
recipients_clear (Recipients *r)
{
  g_clear_pointer (&r->teams, g_hash_table_unref);
  g_clear_pointer (&r->sectors, g_hash_table_unref);
}

static gboolean
is_all (const char *normal)
{
  static const char *const words[] = {
    "all", "everyone", "allplayers", "allteams", "全", "全員", "全チーム", "全体", "全参加者",
    "全組織", "全プレーヤー",
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strcmp (normal, words[i]) == 0)
      return TRUE;
  return FALSE;
}

typedef enum { RESOLVE_OK, RESOLVE_UNKNOWN, RESOLVE_AMBIGUOUS } ResolveResult;

static ResolveResult
resolve_one (Recipients *r,
             const char *name,
             GArray    **out)
{
  g_autofree char *key = normal_name (name);
  GArray *list = g_hash_table_lookup (r->teams, key);

  if (list == NULL)
    list = g_hash_table_lookup (r->sectors, key);
  if (list == NULL)
    return RESOLVE_UNKNOWN;
  *out = list;
  return list->len == 1 ? RESOLVE_OK : RESOLVE_AMBIGUOUS;
}

typedef struct {
  const OdanMselSheet   *sheet;
  const OdanMselMapping *mapping;
  const OdanPack        *pack;
  GPtrArray             *diags;
  guint                  n_errors;
} Importer;

static void
row_error (Importer          *im,
           const OdanMselRow *row,
           int                column,
           const char        *format,
           ...) G_GNUC_PRINTF (4, 5);

static void
row_error (Importer          *im,
           const OdanMselRow *row,
           int                column,
           const char        *format,
           ...)
{
  va_list args;
  const char *col = column >= 0 ? im->sheet->headers[column] : NULL;

  va_start (args, format);
  g_ptr_array_add (im->diags, odan_diagnostic_new_valist (ODAN_DIAGNOSTIC_ERROR, im->sheet->path,
                                                          row->line, col, format, args));
  va_end (args);
  im->n_errors++;
}

/* The recipients cell as injects.csv's `to`, or NULL after reporting. */
static char *
resolve_to (Importer          *im,
            Recipients        *r,
            const OdanMselRow *row,
            int                column,
            const char        *cell)
{
  g_autofree char *whole = normal_name (cell);
  g_autoptr(GArray) teams = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_auto(GStrv) parts = NULL;
  gboolean all = FALSE, ok = TRUE;
  GArray *found = NULL;
  GString *out;

  if (whole[0] == '\0')
    {
      row_error (im, row, column, "%s", _("missing recipient"));
      return NULL;
    }
  if (is_all (whole))
    return g_strdup ("all");
  /* a name that holds a separator ("Power, Gas & Water team") */
  if (resolve_one (r, cell, &found) == RESOLVE_OK)
    return g_strdup (im->pack->teams[g_array_index (found, guint32, 0)].id);

  parts = g_regex_split_simple ("[;,\\n/、，；・]", cell, 0, 0);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *name = g_strstrip (g_strdup (parts[i]));
      g_autofree char *normal = normal_name (name);

      if (normal[0] == '\0')
        continue;
      if (is_all (normal))
        {
          all = TRUE;
          continue;
        }
      switch (resolve_one (r, name, &found))
        {
        case RESOLVE_OK:
          {
            guint32 t = g_array_index (found, guint32, 0);
            gboolean seen = FALSE;

            for (guint k = 0; k < teams->len; k++)
              seen |= g_array_index (teams, guint32, k) == t;
            if (!seen)
              g_array_append_val (teams, t);
          }
          break;
        case RESOLVE_AMBIGUOUS:
          {
            GString *ids = g_string_new (NULL);

            for (guint k = 0; k < found->len; k++)
              {
                if (k > 0)
                  g_string_append (ids, ", ");
                g_string_append (ids, im->pack->teams[g_array_index (found, guint32, k)].id);
              }
            row_error (im, row, column,
                       _("recipient '%s' is ambiguous: it could be any of the teams %s; write team ids"),
                       name, ids->str);
            g_string_free (ids, TRUE);
            ok = FALSE;
          }
          break;
        case RESOLVE_UNKNOWN:
        default:
          row_error (im, row, column, _("unknown recipient '%s' (not a team id, team name or sector)"),
                     name);
          ok = FALSE;
          break;
        }
    }
  if (!ok)
    return NULL;
  if (all)
    {
      if (teams->len > 0)
        {
          row_error (im, row, column, "%s", _("'all' cannot be combined with team names"));
          return NULL;
        }
      return g_strdup ("all");
    }
  if (teams->len == 0)
    {
      row_error (im, row, column, "%s", _("missing recipient"));
      return NULL;
    }
  out = g_string_new (NULL);
  for (guint k = 0; k < teams->len; k++)
    {
      if (k > 0)
        g_string_append_c (out, ';');
      g_string_append (out, im->pack->teams[g_array_index (teams, guint32, k)].id);
    }
  return g_string_free (out, FALSE);
}

/* The sheet's column of each single field (-1 when unmapped), the
 * recipients and the ids seen, while the rows are read. */
typedef struct {
  Importer     im;
  int          col[ODAN_MSEL_N_FIELDS];
  GArray      *extra_columns;   /* sheet column of each extra value */
  GHashTable  *ids;             /* event number → its first line */
  Recipients   recipients;
} RowReader;

#define CELL(rr, row, f) ((rr)->col[f] >= 0 ? (row)->fields[(rr)->col[f]] : NULL)

/* The import without injects yet: the headers of the fields and the extra columns. */
static OdanMselImport *
import_new (const OdanMselSheet   *sheet,
            const OdanMselMapping *mapping,
            RowReader             *rr)
{
  OdanMselImport *import = g_new0 (OdanMselImport, 1);
  g_autoptr(GPtrArray) extra_names = g_ptr_array_new_with_free_func (g_free);

  import->path = g_strdup (sheet->path);
  import->injects = g_ptr_array_new_with_free_func ((GDestroyNotify) msel_inject_free);
  import->column_headers = g_new0 (char *, ODAN_MSEL_N_FIELDS + 1);
  for (guint f = 0; f < ODAN_MSEL_N_FIELDS; f++)
    import->column_headers[f] = rr->col[f] >= 0 ? g_strdup (sheet->headers[rr->col[f]]) : g_strdup ("");
  for (guint c = 0; c < mapping->n_columns; c++)
    if (mapping->columns[c].field == ODAN_MSEL_FIELD_EXTRA)
      {
        g_ptr_array_add (extra_names, extra_name (&mapping->columns[c], c));
        g_array_append_val (rr->extra_columns, c);
      }
  import->n_extra = extra_names->len;
  g_ptr_array_add (extra_names, NULL);
  import->extra_names = (char **) g_ptr_array_free (g_steal_pointer (&extra_names), FALSE);
  return import;
}

/* Cells beyond the header that hold something are lost data. */
static void
check_spill (RowReader         *rr,
             const OdanMselRow *row)
{
  const OdanMselSheet *sheet = rr->im.sheet;
  gboolean spill = FALSE;

  if (row->n_fields <= sheet->n_columns)
    return;
  for (guint f = sheet->n_columns; f < row->n_fields; f++)
    spill |= row->fields[f][0] != '\0';
  if (spill)
    row_error (&rr->im, row, -1, _("the row has %u fields but the header has %u"),
               row->n_fields, sheet->n_columns);
}

/* The event number, or msel-NNN for a row without one. */
static char *
inject_id (RowReader         *rr,
           const OdanMselRow *row,
           guint              r)
{
  char *id = clean_text (CELL (rr, row, ODAN_MSEL_FIELD_ID), TRUE);
  gpointer first;

  if (id == NULL)
    return g_strdup_printf ("msel-%03u", r + 1);
  first = g_hash_table_lookup (rr->ids, id);
  if (first != NULL)
    row_error (&rr->im, row, rr->col[ODAN_MSEL_FIELD_ID],
               _("duplicate event number '%s' (first used on line %u)"),
               id, GPOINTER_TO_UINT (first));
  else
    g_hash_table_insert (rr->ids, g_strdup (id), GUINT_TO_POINTER (row->line));
  return id;
}

/* The time, and as injects.csv will write it. */
static void
inject_time (RowReader         *rr,
             const OdanMselRow *row,
             OdanMselInject    *in)
{
  GDateTime *start = rr->im.pack->start;
  g_autofree char *text = clean_text (CELL (rr, row, ODAN_MSEL_FIELD_TIME), TRUE);
  g_autoptr(GError) time_error = NULL;
  OdanMselTimeKind kind;
  double check;

  if (text == NULL)
    row_error (&rr->im, row, rr->col[ODAN_MSEL_FIELD_TIME], "%s", _("missing time"));
  else if (!odan_msel_time_parse (text, start, &in->time, &kind, &time_error))
    row_error (&rr->im, row, rr->col[ODAN_MSEL_FIELD_TIME], "%s", time_error->message);
  else if (odan_time_parse (text, start, &check, NULL) && check == in->time)
    in->time_text = g_steal_pointer (&text);   /* injects.csv reads it as it is */
  else if (kind == ODAN_MSEL_TIME_CLOCK)
    in->time_text = odan_msel_time_format_clock (in->time, start);
  else
    in->time_text = odan_msel_time_format_relative (in->time);
}

/* The message: sender, channel, title (from the body when there is
 * none), body and the rest of the text fields. */
static void
inject_message (RowReader         *rr,
                const OdanMselRow *row,
                OdanMselInject    *in)
{
  in->from = clean_text (CELL (rr, row, ODAN_MSEL_FIELD_FROM), TRUE);
  in->channel = clean_text (CELL (rr, row, ODAN_MSEL_FIELD_CHANNEL), TRUE);
  in->title = clean_text (CELL (rr, row, ODAN_MSEL_FIELD_TITLE), TRUE);
  in->title_ja = clean_text (CELL (rr, row, ODAN_MSEL_FIELD_TITLE_JA), TRUE);
  in->body = clean_text (CELL (rr, row, ODAN_MSEL_FIELD_BODY), FALSE);
  in->expected_action = clean_text (CELL (rr, row, ODAN_MSEL_FIELD_EXPECTED_ACTION), FALSE);
  in->objective = clean_text (CELL (rr, row, ODAN_MSEL_FIELD_OBJECTIVE), FALSE);
  in->effect = clean_text (CELL (rr, row, ODAN_MSEL_FIELD_EFFECT), TRUE);
  in->sharing = clean_text (CELL (rr, row, ODAN_MSEL_FIELD_SHARING), TRUE);
  in->event_type = clean_text (CELL (rr, row, ODAN_MSEL_FIELD_EVENT_TYPE), TRUE);
  in->controller = clean_text (CELL (rr, row, ODAN_MSEL_FIELD_CONTROLLER), TRUE);
  in->evaluator_instructions = clean_text (CELL (rr, row, ODAN_MSEL_FIELD_EVALUATOR_INSTRUCTIONS), FALSE);

  if (in->title == NULL && in->body == NULL)
    row_error (&rr->im, row, rr->col[ODAN_MSEL_FIELD_BODY] >= 0 ? rr->col[ODAN_MSEL_FIELD_BODY]
                                                                : rr->col[ODAN_MSEL_FIELD_TITLE],
               "%s", _("empty message"));
  else if (in->title == NULL)
    in->title = title_from_body (in->body);
}

static OdanMselInject *
import_row (RowReader         *rr,
            guint              r,
            const OdanMselRow *row,
            guint              n_extra)
{
  OdanMselInject *in = g_new0 (OdanMselInject, 1);
  const char *to = CELL (rr, row, ODAN_MSEL_FIELD_TO);

  in->line = row->line;
  check_spill (rr, row);
  in->id = inject_id (rr, row, r);
  inject_time (rr, row, in);
  in->to = resolve_to (&rr->im, &rr->recipients, row, rr->col[ODAN_MSEL_FIELD_TO],
                       to != NULL ? to : "");
  inject_message (rr, row, in);

  if (in->effect != NULL)
    {
      g_autoptr(GError) effect_error = NULL;
      g_autoptr(GArray) effects = odan_effects_parse (in->effect, &effect_error);

      if (effects == NULL || !odan_effects_resolve (effects, rr->im.pack, NULL, &effect_error))
        row_error (&rr->im, row, rr->col[ODAN_MSEL_FIELD_EFFECT], "%s", effect_error->message);
    }

  in->extra = g_new0 (char *, n_extra + 1);
  for (guint e = 0; e < n_extra; e++)
    in->extra[e] = clean_text (row->fields[g_array_index (rr->extra_columns, guint, e)], FALSE);
  return in;
}

#undef CELL

OdanMselImport *
odan_msel_import (const OdanMselSheet   *sheet,
                  const OdanMselMapping *mapping,
                  const OdanPack        *pack,
                  GPtrArray             *diagnostics,
                  GError               **error)
{
  g_autoptr(OdanMselImport) import = NULL;
  g_autoptr(GPtrArray) diags = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) extra_columns = g_array_new (FALSE, FALSE, sizeof (guint));
  RowReader rr = { { sheet, mapping, pack, diags, 0 } };

  g_return_val_if_fail (sheet != NULL, NULL);
  g_return_val_if_fail (mapping != NULL, NULL);
  g_return_val_if_fail (pack != NULL, NULL);

  if (mapping->n_columns != sheet->n_columns)
    {
      g_set_error (error, ODAN_MSEL_ERROR, ODAN_MSEL_ERROR_MAPPING,
                   _("the mapping has %u columns but the sheet has %u"),
                   mapping->n_columns, sheet->n_columns);
      return NULL;
    }
  if (!odan_msel_mapping_check (mapping, error))
    return NULL;
  if (pack->start == NULL)
    {
      g_set_error_literal (error, ODAN_MSEL_ERROR, ODAN_MSEL_ERROR_MAPPING,
                           _("the scenario has no start time to read the times against"));
      return NULL;
    }

  for (guint f = 0; f < ODAN_MSEL_N_FIELDS; f++)
    rr.col[f] = field_is_single (f) ? odan_msel_mapping_find (mapping, f) : -1;
  rr.extra_columns = extra_columns;
  rr.ids = ids;
  import = import_new (sheet, mapping, &rr);
  recipients_init (&rr.recipients, pack);

  for (guint r = 0; r < sheet->rows->len; r++)
    g_ptr_array_add (import->injects,
                     import_row (&rr, r, g_ptr_array_index (sheet->rows, r), import->n_extra));

  recipients_clear (&rr.recipients);

  if (diagnostics != NULL)
    for (guint i = 0; i < diags->len; i++)
      g_ptr_array_add (diagnostics, g_steal_pointer (&g_ptr_array_index (diags, i)));

  if (rr.im.n_errors > 0)
    {
      g_set_error (error, ODAN_MSEL_ERROR, ODAN_MSEL_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s has %u problem; nothing was imported",
                                "%s has %u problems; nothing was imported", rr.im.n_errors),
                   sheet->path, rr.im.n_errors);
      return NULL;
    }
  return g_steal_pointer (&import);
}

/* ------------------------------------------------------------------ */
/* Merging into the pack */

static const char *
inject_field (const OdanMselInject *in,
              OdanMselField         field)
{
  switch (field)
    {
    case ODAN_MSEL_FIELD_ID:              return in->id;
    case ODAN_MSEL_FIELD_TIME:            return in->time_text;
    case ODAN_MSEL_FIELD_TO:              return in->to;
    case ODAN_MSEL_FIELD_FROM:            return in->from;
    case ODAN_MSEL_FIELD_CHANNEL:         return in->channel;
    case ODAN_MSEL_FIELD_TITLE:           return in->title;
    case ODAN_MSEL_FIELD_TITLE_JA:        return in->title_ja;
    case ODAN_MSEL_FIELD_BODY:            return in->body;
    case ODAN_MSEL_FIELD_EXPECTED_ACTION: return in->expected_action;
    case ODAN_MSEL_FIELD_OBJECTIVE:       return in->objective;
    case ODAN_MSEL_FIELD_EFFECT:          return in->effect;
    case ODAN_MSEL_FIELD_SHARING:         return in->sharing;
    case ODAN_MSEL_FIELD_EVENT_TYPE:      return in->event_type;
    case ODAN_MSEL_FIELD_CONTROLLER:      return in->controller;
    case ODAN_MSEL_FIELD_EVALUATOR_INSTRUCTIONS: return in->evaluator_instructions;
    case ODAN_MSEL_FIELD_IGNORE:
    case ODAN_MSEL_FIELD_EXTRA:
    case ODAN_MSEL_N_FIELDS:
    default:                              return NULL;
    }
}

/* The known field of injects.csv column @name, or IGNORE. */
static OdanMselField
column_field (const char *name)
{
  OdanMselField f;

  if (odan_msel_field_from_string (name, &f) && field_column (f) != NULL)
    return f;
  return ODAN_MSEL_FIELD_IGNORE;
}

static int
find_column (GPtrArray  *columns,
             const char *name)
{
  for (guint i = 0; i < columns->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (columns, i), name) == 0)
      return (int) i;
  return -1;
}

static const char *
import_cell (const OdanMselImport *import,
             const OdanMselInject *in,
             const char           *column)
{
  OdanMselField f = column_field (column);

  if (f != ODAN_MSEL_FIELD_IGNORE)
    return inject_field (in, f);
  for (guint e = 0; e < import->n_extra; e++)
    if (g_ascii_strcasecmp (import->extra_names[e], column) == 0)
      return in->extra[e];
  return NULL;
}

/* Injects of @import whose ids the pack already has, as errors. */
static guint
report_taken_ids (const OdanMselImport *import,
                  const OdanPack       *pack,
                  GPtrArray            *diags)
{
  guint n_errors = 0;

  for (guint i = 0; i < import->injects->len; i++)
    {
      const OdanMselInject *in = g_ptr_array_index (import->injects, i);
      guint32 existing = odan_pack_find_inject (pack, in->id);
      const char *column = import->column_headers[ODAN_MSEL_FIELD_ID];

      if (existing == ODAN_NONE)
        continue;
      g_ptr_array_add (diags, odan_diagnostic_new (ODAN_DIAGNOSTIC_ERROR, import->path, in->line,
                                                   column[0] != '\0' ? column : NULL,
                                                   _("inject id '%s' is already in the pack (injects.csv line %u); use --replace or another id"),
                                                   in->id, pack->injects[existing].line));
      n_errors++;
    }
  return n_errors;
}

/* The columns of the merged injects.csv: the pack's own layout, then what
 * the sheet adds. */
static GPtrArray *
merged_columns (const OdanMselImport *import,
                const OdanPack       *pack)
{
  GPtrArray *columns = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) base = odan_pack_table_columns (pack, ODAN_PACK_TABLE_INJECTS);

  for (guint i = 0; base[i] != NULL; i++)
    g_ptr_array_add (columns, g_strdup (base[i]));
  for (guint f = 0; f < ODAN_MSEL_N_FIELDS; f++)
    {
      const char *name = field_column (f);
      gboolean used = FALSE;

      if (name == NULL || find_column (columns, name) >= 0)
        continue;
      for (guint i = 0; i < import->injects->len && !used; i++)
        used = inject_field (g_ptr_array_index (import->injects, i), f) != NULL;
      if (used)
        g_ptr_array_add (columns, g_strdup (name));
    }
  for (guint e = 0; e < import->n_extra; e++)
    if (find_column (columns, import->extra_names[e]) < 0)
      g_ptr_array_add (columns, g_strdup (import->extra_names[e]));
  return columns;
}

/* The merged injects.csv: the pack's injects (unless @replace), then the
 * imported ones, whose lines go into @new_lines (line → OdanMselInject). */
static GBytes *
merged_injects_csv (const OdanMselImport *import,
                    const OdanPack       *pack,
                    gboolean              replace,
                    GHashTable           *new_lines)
{
  g_autoptr(GPtrArray) columns = merged_columns (import, pack);
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  odan_csv_excel_begin (out);
  odan_csv_excel_row (out, (const char *const *) columns->pdata, columns->len);
  if (!replace)
    for (guint r = 0; r < pack->n_injects; r++)
      {
        g_ptr_array_set_size (cells, 0);
        for (guint c = 0; c < columns->len; c++)
          g_ptr_array_add (cells, odan_pack_cell_text (pack, ODAN_PACK_TABLE_INJECTS, r,
                                                       g_ptr_array_index (columns, c)));
        odan_csv_excel_row (out, (const char *const *) cells->pdata, columns->len);
      }
  for (guint i = 0; i < import->injects->len; i++)
    {
      const OdanMselInject *in = g_ptr_array_index (import->injects, i);
      guint line = odan_csv_line_at (out->str, out->len);

      g_hash_table_insert (new_lines, GUINT_TO_POINTER (line), (gpointer) in);
      g_ptr_array_set_size (cells, 0);
      for (guint c = 0; c < columns->len; c++)
        g_ptr_array_add (cells, g_strdup (import_cell (import, in, g_ptr_array_index (columns, c))));
      odan_csv_excel_row (out, (const char *const *) cells->pdata, columns->len);
    }
  return g_string_free_to_bytes (out);
}

/* Moves the merged pack's diagnostics into @diags: a problem of an
 * imported row points at the sheet, any other at the pack's file.
 * Returns the number of errors. */
static guint
relocate_diagnostics (const OdanMselImport *import,
                      const OdanPack       *pack,
                      GHashTable           *new_lines,
                      GPtrArray            *loaded_diags,
                      GPtrArray            *diags)
{
  guint n_errors = 0;

  for (guint i = 0; i < loaded_diags->len; i++)
    {
      OdanDiagnostic *d = g_ptr_array_index (loaded_diags, i);
      const OdanMselInject *in = NULL;

      if (g_strcmp0 (d->file, "injects.csv") == 0)
        in = g_hash_table_lookup (new_lines, GUINT_TO_POINTER (d->line));
      if (in != NULL)
        {
          OdanMselField f = d->column != NULL ? column_field (d->column) : ODAN_MSEL_FIELD_IGNORE;
          const char *header = f != ODAN_MSEL_FIELD_IGNORE ? import->column_headers[f] : NULL;

          g_free (d->file);
          d->file = g_strdup (import->path);
          d->line = in->line;
          if (header != NULL && header[0] != '\0')
            {
              g_free (d->column);
              d->column = g_strdup (header);
            }
        }
      else
        {
          char *full = g_build_filename (pack->path, d->file, NULL);

          g_free (d->file);
          d->file = full;
        }
      if (d->severity == ODAN_DIAGNOSTIC_ERROR)
        n_errors++;
      g_ptr_array_add (diags, g_steal_pointer (&g_ptr_array_index (loaded_diags, i)));
    }
  return n_errors;
}

static gboolean
nothing_imported (const OdanMselImport  *import,
                  GPtrArray             *diags,
                  guint                  n_errors,
                  GPtrArray             *diagnostics,
                  GError               **error)
{
  if (diagnostics != NULL)
    for (guint i = 0; i < diags->len; i++)
      g_ptr_array_add (diagnostics, g_steal_pointer (&g_ptr_array_index (diags, i)));
  g_set_error (error, ODAN_MSEL_ERROR, ODAN_MSEL_ERROR_INVALID,
               g_dngettext (GETTEXT_PACKAGE,
                            "%s has %u problem; nothing was imported",
                            "%s has %u problems; nothing was imported", n_errors),
               import->path, n_errors);
  return FALSE;
}

gboolean
odan_msel_import_apply (const OdanMselImport *import,
                        const OdanPack       *pack,
                        gboolean              replace,
                        gboolean              dry_run,
                        GPtrArray            *diagnostics,
                        guint                *out_n_injects,
                        GError              **error)
{
  g_autoptr(GPtrArray) diags = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  g_autoptr(GPtrArray) loaded_diags = g_ptr_array_new_with_free_func ((GDestroyNotify) odan_diagnostic_free);
  g_autoptr(GHashTable) new_lines = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(OdanPack) merged = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) load_error = NULL;
  g_autofree char *path = NULL;
  guint n_errors = 0;

  g_return_val_if_fail (import != NULL, FALSE);
  g_return_val_if_fail (pack != NULL, FALSE);

  /* taken ids would only come back from the loader again as duplicates */
  if (!replace && (n_errors = report_taken_ids (import, pack, diags)) > 0)
    return nothing_imported (import, diags, n_errors, diagnostics, error);

  bytes = merged_injects_csv (import, pack, replace, new_lines);

  /* the merged pack must load like any other */
  files = odan_pack_read_folder (pack->path, error);
  if (files == NULL)
    return FALSE;
  g_hash_table_insert (files, g_strdup ("injects.csv"), g_bytes_ref (bytes));
  merged = odan_pack_load_from_files (pack->path, files, loaded_diags, &load_error);
  n_errors = relocate_diagnostics (import, pack, new_lines, loaded_diags, diags);
  if (merged == NULL && n_errors == 0)
    {
      g_propagate_error (error, g_steal_pointer (&load_error));
      return FALSE;
    }
  if (n_errors > 0 || merged == NULL)
    return nothing_imported (import, diags, n_errors, diagnostics, error);

  if (diagnostics != NULL)
    for (guint i = 0; i < diags->len; i++)
      g_ptr_array_add (diagnostics, g_steal_pointer (&g_ptr_array_index (diags, i)));
  if (out_n_injects != NULL)
    *out_n_injects = merged->n_injects;
  if (dry_run)
    return TRUE;

  path = g_build_filename (pack->path, "injects.csv", NULL);
  return odan_write_file_atomic (path, bytes, error);
}

/* ------------------------------------------------------------------ */
/* Export */

gboolean
odan_msel_style_from_string (const char    *text,
                             OdanMselStyle *out)
{
  int value;

  /* the nicks of OdanMselStyle (pack, hseep, japanese), and two aliases */
  if (odan_enum_from_nick (ODAN_TYPE_MSEL_STYLE, text, &value))
    *out = (OdanMselStyle) value;
  else if (g_ascii_strcasecmp (text, "odan") == 0)
    *out = ODAN_MSEL_STYLE_PACK;
  else if (g_ascii_strcasecmp (text, "ja") == 0)
    *out = ODAN_MSEL_STYLE_JAPANESE;
  else
    return FALSE;
  return TRUE;
}

typedef struct {
  OdanMselField field;
  const char   *hseep;
  const char   *japanese;
} ExportColumn;

/* The spreadsheet order: who, when, how, what, then the rest. Every name
 * is in the synonym table, so an exported sheet maps back with certainty. */
static const ExportColumn export_columns[] = {
  { ODAN_MSEL_FIELD_ID,              "Event Number",                       "番号" },
  { ODAN_MSEL_FIELD_TIME,            "Designated Scenario Time",           "付与時刻" },
  { ODAN_MSEL_FIELD_TO,              "To",                                 "付与先" },
  { ODAN_MSEL_FIELD_FROM,            "From",                               "発信元" },
  { ODAN_MSEL_FIELD_CHANNEL,         "Inject Mode",                        "伝達手段" },
  { ODAN_MSEL_FIELD_TITLE,           "Title",                              "件名" },
  { ODAN_MSEL_FIELD_TITLE_JA,        "Title (Japanese)",                   "件名（日本語）" },
  { ODAN_MSEL_FIELD_BODY,            "Message",                            "付与内容" },
  { ODAN_MSEL_FIELD_EXPECTED_ACTION, "Expected Participant Response",      "期待される対応" },
  { ODAN_MSEL_FIELD_OBJECTIVE,       "Objective/Capability/Critical Task", "訓練目標" },
  { ODAN_MSEL_FIELD_EFFECT,          "Model Effect",                       "モデルへの効果" },
  { ODAN_MSEL_FIELD_SHARING,         "Sharing Level",                      "共有レベル" },
  { ODAN_MSEL_FIELD_EVENT_TYPE,      "Event Type",                         "付与種別" },
  { ODAN_MSEL_FIELD_CONTROLLER,      "Responsible Controller",             "担当コントローラー" },
  { ODAN_MSEL_FIELD_EVALUATOR_INSTRUCTIONS, "Evaluator Instructions",      "評価者への指示" },
};

/* Hands the header, then each inject's row, to @emit. */
static void
export_rows (const OdanPack *pack,
             OdanMselStyle   style,
             void          (*emit) (const char *const *cells, guint n_cells, gpointer user_data),
             gpointer        user_data)
{
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  guint n_known = G_N_ELEMENTS (export_columns);
  const OdanExtraColumns *extra = &pack->inject_extra;

  for (guint c = 0; c < n_known; c++)
    {
      const ExportColumn *ec = &export_columns[c];

      g_ptr_array_add (header, (gpointer) (style == ODAN_MSEL_STYLE_HSEEP ? ec->hseep
                                           : style == ODAN_MSEL_STYLE_JAPANESE ? ec->japanese
                                           : field_column (ec->field)));
    }
  for (guint e = 0; e < extra->n_columns; e++)
    g_ptr_array_add (header, extra->names[e]);
  emit ((const char *const *) header->pdata, header->len, user_data);

  for (guint r = 0; r < pack->n_injects; r++)
    {
      g_ptr_array_set_size (cells, 0);
      for (guint c = 0; c < n_known; c++)
        {
          OdanMselField f = export_columns[c].field;

          if (f == ODAN_MSEL_FIELD_TO && pack->injects[r].to_all && style == ODAN_MSEL_STYLE_JAPANESE)
            g_ptr_array_add (cells, g_strdup ("全員"));
          else
            g_ptr_array_add (cells, odan_pack_cell_text (pack, ODAN_PACK_TABLE_INJECTS, r,
                                                         field_column (f)));
        }
      for (guint e = 0; e < extra->n_columns; e++)
        g_ptr_array_add (cells, odan_pack_cell_text (pack, ODAN_PACK_TABLE_INJECTS, r,
                                                     extra->names[e]));
      emit ((const char *const *) cells->pdata, cells->len, user_data);
    }
}

static void
emit_csv (const char *const *cells,
          guint              n_cells,
          gpointer           user_data)
{
  odan_csv_excel_row (user_data, cells, n_cells);
}

static void
emit_xlsx (const char *const *cells,
           guint              n_cells,
           gpointer           user_data)
{
  odan_xlsx_writer_row (user_data, cells, n_cells);
}

GBytes *
odan_msel_export_data (const OdanPack *pack,
                       OdanMselStyle   style)
{
  GString *out;

  g_return_val_if_fail (pack != NULL, NULL);

  out = g_string_new (NULL);
  odan_csv_excel_begin (out);
  export_rows (pack, style, emit_csv, out);
  return g_string_free_to_bytes (out);
}

gboolean
odan_msel_export_xlsx (const OdanPack *pack,
                       OdanMselStyle   style,
                       const char     *path,
                       GError        **error)
{
  OdanXlsxWriter *writer;

  g_return_val_if_fail (pack != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  writer = odan_xlsx_writer_new (path);
  odan_xlsx_writer_sheet (writer, style == ODAN_MSEL_STYLE_JAPANESE ? "状況付与" : "MSEL");
  export_rows (pack, style, emit_xlsx, writer);
  return odan_xlsx_writer_close (writer, error);
}

gboolean
odan_msel_export (const OdanPack *pack,
                  OdanMselStyle   style,
                  const char     *path,
                  GError        **error)
{
  g_autoptr(GBytes) data = NULL;

  g_return_val_if_fail (pack != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (odan_xlsx_is_workbook (path))
    return odan_msel_export_xlsx (pack, style, path, error);
  data = odan_msel_export_data (pack, style);
  return odan_write_file_atomic (path, data, error);
}
