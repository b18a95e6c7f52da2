/* odan-decision-item.h — one decision or mitigation of the log, as a row of the decision feed */
#pragma once

#include <glib-object.h>

#include "odan-decisions.h"
#include "odan-event.h"
#include "odan-pack.h"

G_BEGIN_DECLS

/* What became of the mitigation a row is about. */
typedef enum {
  ODAN_DECISION_OUTCOME_NONE,      /* a decision that chose no mitigation */
  ODAN_DECISION_OUTCOME_ACCEPTED,  /* chosen; its mitigation follows at a later time */
  ODAN_DECISION_OUTCOME_REFUSED,   /* chosen, but refused (an empty pool) */
  ODAN_DECISION_OUTCOME_APPLIED,   /* a mitigation event: applied to the model */
  ODAN_DECISION_OUTCOME_PROPOSED,  /* chosen by a team from its own connection (multi-site):
                                    * nothing applies until the facilitator accepts it */
} OdanDecisionOutcome;

#define ODAN_TYPE_DECISION_ITEM (odan_decision_item_get_type ())

G_DECLARE_FINAL_TYPE (OdanDecisionItem, odan_decision_item, ODAN, DECISION_ITEM, GObject)

/* A decision category ("disclosure" …) in the user's language; an unknown
 * one as it is written. */
/* A decision category's name in the interface's language. */
const char          *odan_decision_item_category_name  (OdanCategory category);
/* The same for a category as the log spells it; an unknown one as it is. */
const char          *odan_decision_item_category_label (const char *category);
/* TRUE for the events the feed lists (decisions and mitigations). */
gboolean             odan_decision_item_accepts (const OdanEvent *event);
/* An item for @event (a decision or mitigation event of an exercise over
 * @pack); it copies what it shows, in the user's language. */
OdanDecisionItem    *odan_decision_item_new           (const OdanPack   *pack,
                                                       const OdanEvent  *event);
gint64               odan_decision_item_get_event_id  (OdanDecisionItem *self);
const char          *odan_decision_item_get_time_text (OdanDecisionItem *self);
const char          *odan_decision_item_get_team      (OdanDecisionItem *self);
const char          *odan_decision_item_get_category  (OdanDecisionItem *self);
const char          *odan_decision_item_get_summary   (OdanDecisionItem *self);
OdanDecisionOutcome  odan_decision_item_get_outcome   (OdanDecisionItem *self);
/* The mitigation's fate in words ("Refused: pool … is empty"), "" for none. */
const char          *odan_decision_item_get_outcome_text (OdanDecisionItem *self);
/* The mitigation's effect as written, "" for none. */
/* The effect in words for people (the pack's names, the UI's language). */
const char          *odan_decision_item_get_effect_words (OdanDecisionItem *self);
const char          *odan_decision_item_get_effect    (OdanDecisionItem *self);

G_END_DECLS
