/* odan-decision-item.c — one decision or mitigation of the log, as a row of the decision feed
 *
 * The console's decision feed holds one of these per decision event and per
 * mitigation event, built once from the event when it is committed (or
 * read back on opening): the texts are localized then and never change,
 * since an event of the log never changes either.
 */
#define G_LOG_DOMAIN "odan-gui"

#include <glib/gi18n.h>

#include "odan-decision-item.h"
#include "odan-format.h"
#include "odan-exercise.h"
#include "odan-decisions.h"
#include "odan-time.h"

struct _OdanDecisionItem
{
  GObject              parent_instance;

  gint64               event_id;
  OdanDecisionOutcome  outcome;
  char                *time_text;
  char                *team;
  char                *category;
  char                *summary;
  char                *outcome_text;
  char                *effect;
  char                *effect_words;   /* effect in words (odan_format_effects) */
};

G_DEFINE_FINAL_TYPE (OdanDecisionItem, odan_decision_item, G_TYPE_OBJECT)

const char *
odan_decision_item_category_name (OdanCategory category)
{
  switch (category)
    {
    case ODAN_CATEGORY_BUSINESS_CONTINUITY:
      /* Translators: a decision's category in the decision feed */
      return C_("decision category", "Business continuity");
    case ODAN_CATEGORY_DISCLOSURE:
      return C_("decision category", "Disclosure");
    case ODAN_CATEGORY_MINISTRY_REPORT:
      return C_("decision category", "Report to the ministry");
    case ODAN_CATEGORY_INFORMATION_SHARING:
      return C_("decision category", "Information sharing");
    case ODAN_CATEGORY_OTHER:
      return C_("decision category", "Other");
    default:
      g_return_val_if_reached ("");
    }
}

const char *
odan_decision_item_category_label (const char *category)
{
  OdanCategory value;

  if (category == NULL || !odan_category_from_string (category, &value))
    return category != NULL ? category : "";
  return odan_decision_item_category_name (value);
}

static const char *
mitigation_label (const OdanPack  *pack,
                  const OdanEvent *event)
{
  guint32 index = event->subject != NULL ? odan_pack_find_mitigation (pack, event->subject) : ODAN_NONE;

  if (index == ODAN_NONE)
    return event->subject;
  return odan_pack_localized (pack->mitigations[index].label, pack->mitigations[index].label_ja);
}

gboolean
odan_decision_item_accepts (const OdanEvent *event)
{
  g_return_val_if_fail (event != NULL, FALSE);

  return event->kind == ODAN_EVENT_DECISION || event->kind == ODAN_EVENT_MITIGATION;
}

OdanDecisionItem *
odan_decision_item_new (const OdanPack  *pack,
                        const OdanEvent *event)
{
  OdanDecisionItem *self;
  guint32 team;

  g_return_val_if_fail (pack != NULL, NULL);
  g_return_val_if_fail (event != NULL && odan_decision_item_accepts (event), NULL);

  self = g_object_new (ODAN_TYPE_DECISION_ITEM, NULL);
  self->event_id = event->id;
  self->time_text = odan_time_format_offset (event->minute);

  team = event->team != NULL ? odan_pack_find_team (pack, event->team) : ODAN_NONE;
  if (team != ODAN_NONE)
    self->team = g_strdup (odan_pack_localized (pack->teams[team].name, pack->teams[team].name_ja));
  else
    self->team = g_strdup (event->team != NULL ? event->team : "");

  if (event->kind == ODAN_EVENT_MITIGATION)
    {
      const char *effect = odan_event_get_effect (event);

      self->outcome = ODAN_DECISION_OUTCOME_APPLIED;
      /* Translators: the category column of a mitigation taking effect, in the decision feed */
      self->category = g_strdup (_("Mitigation"));
      self->summary = g_strdup (mitigation_label (pack, event));
      /* Translators: a mitigation took effect on the model */
      self->outcome_text = g_strdup (_("Applied"));
      self->effect = g_strdup (effect != NULL ? effect : "");
      self->effect_words = odan_format_effects (pack, self->effect);
      return self;
    }

  self->category = g_strdup (odan_decision_item_category_name (event->category));
  self->summary = g_strdup (event->summary != NULL ? event->summary : "");

  if (event->subject == NULL)
    {
      self->outcome = ODAN_DECISION_OUTCOME_NONE;
      self->outcome_text = g_strdup ("");
      self->effect = g_strdup ("");
    }
  else
    {
      guint32 index = odan_pack_find_mitigation (pack, event->subject);
      const char *label = mitigation_label (pack, event);

      self->effect = g_strdup (index != ODAN_NONE && pack->mitigations[index].effect_text != NULL
                               ? pack->mitigations[index].effect_text : "");
      if (odan_exercise_is_proposal (event))
        {
          self->outcome = ODAN_DECISION_OUTCOME_PROPOSED;
          /* Translators: a team chose a mitigation from its own office; it waits for the facilitator */
          self->outcome_text = g_strdup_printf (_("Proposed, not applied — %s"), label);
        }
      else if (g_strcmp0 (odan_event_get_mitigation_status (event), "refused") == 0)
        {
          const char *reason = odan_event_get_reason (event);

          self->outcome = ODAN_DECISION_OUTCOME_REFUSED;
          /* Translators: a decision's mitigation was refused; why, then the mitigation */
          self->outcome_text = g_strdup_printf (_("Refused: %s — %s"), reason != NULL ? reason : "", label);
        }
      else
        {
          g_autofree char *at = odan_time_format_offset (odan_event_get_applies (event, event->minute));

          self->outcome = ODAN_DECISION_OUTCOME_ACCEPTED;
          /* Translators: a decision's mitigation was accepted; when it applies (T+…), then the mitigation */
          self->outcome_text = g_strdup_printf (_("Applies at %s — %s"), at, label);
        }
    }

  self->effect_words = odan_format_effects (pack, self->effect);
  return self;
}

gint64
odan_decision_item_get_event_id (OdanDecisionItem *self)
{
  g_return_val_if_fail (ODAN_IS_DECISION_ITEM (self), 0);
  return self->event_id;
}

const char *
odan_decision_item_get_time_text (OdanDecisionItem *self)
{
  g_return_val_if_fail (ODAN_IS_DECISION_ITEM (self), NULL);
  return self->time_text;
}

const char *
odan_decision_item_get_team (OdanDecisionItem *self)
{
  g_return_val_if_fail (ODAN_IS_DECISION_ITEM (self), NULL);
  return self->team;
}

const char *
odan_decision_item_get_category (OdanDecisionItem *self)
{
  g_return_val_if_fail (ODAN_IS_DECISION_ITEM (self), NULL);
  return self->category;
}

const char *
odan_decision_item_get_summary (OdanDecisionItem *self)
{
  g_return_val_if_fail (ODAN_IS_DECISION_ITEM (self), NULL);
  return self->summary;
}

OdanDecisionOutcome
odan_decision_item_get_outcome (OdanDecisionItem *self)
{
  g_return_val_if_fail (ODAN_IS_DECISION_ITEM (self), ODAN_DECISION_OUTCOME_NONE);
  return self->outcome;
}

const char *
odan_decision_item_get_outcome_text (OdanDecisionItem *self)
{
  g_return_val_if_fail (ODAN_IS_DECISION_ITEM (self), NULL);
  return self->outcome_text;
}

const char *
odan_decision_item_get_effect_words (OdanDecisionItem *self)
{
  g_return_val_if_fail (ODAN_IS_DECISION_ITEM (self), NULL);
  return self->effect_words != NULL ? self->effect_words : self->effect;
}

const char *
odan_decision_item_get_effect (OdanDecisionItem *self)
{
  g_return_val_if_fail (ODAN_IS_DECISION_ITEM (self), NULL);
  return self->effect;
}

static void
odan_decision_item_finalize (GObject *object)
{
  OdanDecisionItem *self = ODAN_DECISION_ITEM (object);

  g_free (self->time_text);
  g_free (self->team);
  g_free (self->category);
  g_free (self->summary);
  g_free (self->outcome_text);
  g_free (self->effect);
  g_free (self->effect_words);

  G_OBJECT_CLASS (odan_decision_item_parent_class)->finalize (object);
}

static void
odan_decision_item_class_init (OdanDecisionItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = odan_decision_item_finalize;
}

static void
odan_decision_item_init (OdanDecisionItem *self)
{
}
