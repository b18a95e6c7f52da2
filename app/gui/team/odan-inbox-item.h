/* odan-inbox-item.h — one delivery in a team's inbox, as a row of OdanTeamPanel */
#pragma once

#include <glib-object.h>

#include "odan-pack.h"
#include "odan-team-view.h"

G_BEGIN_DECLS

/* How far the team acknowledged a delivery. */
typedef enum {
  ODAN_INBOX_STATE_NEW,       /* not acknowledged */
  ODAN_INBOX_STATE_RECEIVED,  /* 受信確認 */
  ODAN_INBOX_STATE_READ,      /* 既読 (implies received) */
} OdanInboxState;

#define ODAN_TYPE_INBOX_ITEM (odan_inbox_item_get_type ())

G_DECLARE_FINAL_TYPE (OdanInboxItem, odan_inbox_item, ODAN, INBOX_ITEM, GObject)

/* An item copying what @entry (of a team view over @pack) shows, in the
 * user's language. */
OdanInboxItem  *odan_inbox_item_new              (const OdanPack       *pack,
                                                  const OdanInboxEntry *entry);
/* Takes the acknowledgements of @entry (the same delivery, in a newer view);
 * notifies "state" when they changed. */
void            odan_inbox_item_update           (OdanInboxItem        *self,
                                                  const OdanInboxEntry *entry);
gint64          odan_inbox_item_get_delivery     (OdanInboxItem *self);
/* The inject id, NULL for an ad hoc inject. */
const char     *odan_inbox_item_get_inject       (OdanInboxItem *self);
double          odan_inbox_item_get_minute       (OdanInboxItem *self);
const char     *odan_inbox_item_get_time_text    (OdanInboxItem *self);
const char     *odan_inbox_item_get_title        (OdanInboxItem *self);
const char     *odan_inbox_item_get_from         (OdanInboxItem *self);
const char     *odan_inbox_item_get_channel      (OdanInboxItem *self);
const char     *odan_inbox_item_get_body         (OdanInboxItem *self);
const char     *odan_inbox_item_get_sharing      (OdanInboxItem *self);
/* The forwarding team's name, "" unless forwarded. */
const char     *odan_inbox_item_get_forwarded_by (OdanInboxItem *self);
OdanInboxState  odan_inbox_item_get_state        (OdanInboxItem *self);
/* "New", "Received T+5m", "Read T+7m", in the user's language. */
char           *odan_inbox_item_dup_state_text   (OdanInboxItem *self);

G_END_DECLS
