/* odan-inject-item.h — one inject of the MSEL, as a row of the facilitator's list */
#pragma once

#include <glib-object.h>

#include "odan-event.h"
#include "odan-pack.h"

G_BEGIN_DECLS

/* In the order a facilitator reads them: the status column sorts by it. */
typedef enum {
  ODAN_INJECT_STATUS_DUE,
  ODAN_INJECT_STATUS_UPCOMING,
  ODAN_INJECT_STATUS_DELAYED,
  ODAN_INJECT_STATUS_DELIVERED,
  ODAN_INJECT_STATUS_SKIPPED,
} OdanInjectStatus;

#define ODAN_TYPE_INJECT_ITEM (odan_inject_item_get_type ())

G_DECLARE_FINAL_TYPE (OdanInjectItem, odan_inject_item, ODAN, INJECT_ITEM, GObject)

/* An item for inject @index of @pack; it copies what it shows. */
OdanInjectItem   *odan_inject_item_new            (const OdanPack   *pack,
                                                   guint32           index);
/* An item for an inject written during the exercise: its delivery event
 * @event (ODAN_EVENT_DELIVERY, action "adhoc"). Its index is ODAN_NONE and
 * it is delivered. */
OdanInjectItem   *odan_inject_item_new_adhoc      (const OdanPack   *pack,
                                                   const OdanEvent  *event);
guint32           odan_inject_item_get_index      (OdanInjectItem   *self);
/* Who it comes from and its text (ad hoc injects; NULL for the MSEL's). */
const char       *odan_inject_item_get_from       (OdanInjectItem   *self);
const char       *odan_inject_item_get_body       (OdanInjectItem   *self);
const char       *odan_inject_item_get_id         (OdanInjectItem   *self);
double            odan_inject_item_get_time       (OdanInjectItem   *self);
const char       *odan_inject_item_get_time_text  (OdanInjectItem   *self);
const char       *odan_inject_item_get_recipients (OdanInjectItem   *self);
const char       *odan_inject_item_get_channel    (OdanInjectItem   *self);
const char       *odan_inject_item_get_title      (OdanInjectItem   *self);
OdanInjectStatus  odan_inject_item_get_status     (OdanInjectItem   *self);
void              odan_inject_item_set_status     (OdanInjectItem   *self,
                                                   OdanInjectStatus  status);
/* The status in words, in the user's language. */
const char       *odan_inject_status_to_label     (OdanInjectStatus  status);
/* A CSS class name for the status ("status-delivered" …). */
const char       *odan_inject_status_to_css_class (OdanInjectStatus  status);

G_END_DECLS
