/* odan-invite-dialog.h — a team's invitation to its browser page
 *
 * Opening it gives the team a new invitation (odan_invitation_create(): the
 * team's last one stops working) and shows the link `odan-cli serve`
 * answers and its QR code (libqrencode), so a table can scan it. The base
 * URL is editable; the link and the code follow it. Withdraw revokes the
 * invitation, which ends the sessions it opened.
 */
#pragma once

#include <adwaita.h>
#include "odan-exercise.h"

G_BEGIN_DECLS

#define ODAN_TYPE_INVITE_DIALOG (odan_invite_dialog_get_type ())
G_DECLARE_FINAL_TYPE (OdanInviteDialog, odan_invite_dialog, ODAN, INVITE_DIALOG, AdwMessageDialog)

/* NULL with @error when the invitation cannot be made (a store that keeps
 * none, an unknown team). */
OdanInviteDialog *odan_invite_dialog_new      (GtkWindow     *parent,
                                               OdanExercise  *exercise,
                                               const char    *team,
                                               GError       **error);
const char       *odan_invite_dialog_get_link (OdanInviteDialog *self);
/* The QR code as drawn: modules per side (0 before any). */
guint             odan_invite_dialog_get_qr_size (OdanInviteDialog *self);

G_END_DECLS
