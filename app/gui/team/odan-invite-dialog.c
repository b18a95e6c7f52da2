/* odan-invite-dialog.c — the link and QR code of a team's invitation
 *
 * The QR code is libqrencode's symbol (error correction M), drawn as a
 * GdkMemoryTexture of SCALE pixels per module with a quiet zone of four
 * modules, shown pixel for pixel so that phones read it off a projector.
 */
#define G_LOG_DOMAIN "odan-gui"

#include "odan-invite-dialog.h"

#include <glib/gi18n.h>
#include <qrencode.h>
#include <string.h>

#include "odan-invitation.h"

#define SCALE 6
#define QUIET 4

struct _OdanInviteDialog
{
  AdwMessageDialog  parent_instance;

  AdwEntryRow      *base_row;
  GtkPicture       *qr_picture;
  GtkLabel         *link_label;

  OdanExercise     *exercise;
  char             *team;
  char             *code;
  char             *link;
  guint             qr_size;
};

G_DEFINE_FINAL_TYPE (OdanInviteDialog, odan_invite_dialog, ADW_TYPE_MESSAGE_DIALOG)

static GdkTexture *
qr_texture (const char *text,
            guint      *out_size)
{
  QRcode *qr = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  g_autoptr(GBytes) bytes = NULL;
  guint side, pixels, stride;
  guint8 *data;

  if (qr == NULL)
    return NULL;
  side = (guint) qr->width;
  pixels = (side + 2 * QUIET) * SCALE;
  stride = pixels * 3;   /* RGB: GDK 4.8 has no grey format */
  data = g_malloc (stride * pixels);
  memset (data, 0xff, stride * pixels);
  for (guint y = 0; y < side; y++)
    for (guint x = 0; x < side; x++)
      if (qr->data[y * side + x] & 1)
        for (guint dy = 0; dy < SCALE; dy++)
          memset (data + ((y + QUIET) * SCALE + dy) * stride + (x + QUIET) * SCALE * 3, 0, SCALE * 3);
  QRcode_free (qr);
  *out_size = side;
  bytes = g_bytes_new_take (data, stride * pixels);
  return gdk_memory_texture_new ((int) pixels, (int) pixels, GDK_MEMORY_R8G8B8, bytes, stride);
}

static void
update_link (OdanInviteDialog *self)
{
  const char *base = gtk_editable_get_text (GTK_EDITABLE (self->base_row));
  g_autoptr(GdkTexture) texture = NULL;

  g_free (self->link);
  self->link = odan_invitation_url (base, self->code);
  gtk_label_set_label (self->link_label, self->link);
  texture = qr_texture (self->link, &self->qr_size);
  gtk_picture_set_paintable (self->qr_picture, GDK_PAINTABLE (texture));
}

static void
on_response (OdanInviteDialog *self,
             const char       *response)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "revoke") == 0
      && !odan_invitation_revoke (self->exercise, self->team, NULL, &error))
    g_warning ("%s", error->message);
}

OdanInviteDialog *
odan_invite_dialog_new (GtkWindow     *parent,
                        OdanExercise  *exercise,
                        const char    *team,
                        GError       **error)
{
  g_autofree char *code = odan_invitation_create (exercise, team, error);
  g_autofree char *base = NULL;
  const OdanPack *pack;
  const OdanTeam *t;
  OdanInviteDialog *self;

  if (code == NULL)
    return NULL;
  pack = odan_exercise_get_pack (exercise);
  t = &pack->teams[odan_pack_find_team (pack, team)];
  self = g_object_new (ODAN_TYPE_INVITE_DIALOG, "transient-for", parent, NULL);
  self->exercise = g_object_ref (exercise);
  self->team = g_strdup (team);
  self->code = g_steal_pointer (&code);
  /* Translators: %s is a team's name */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (self), _("Invite %s"),
                                     odan_pack_localized (t->name, t->name_ja));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                               _("The team opens this link, or scans the code, to play in a browser "
                                 "(odan-cli serve). It replaces the team’s last invitation."));
  base = g_strdup_printf ("http://%s:8080", g_get_host_name ());
  gtk_editable_set_text (GTK_EDITABLE (self->base_row), base);
  update_link (self);
  g_signal_connect_swapped (self->base_row, "changed", G_CALLBACK (update_link), self);
  g_signal_connect (self, "response", G_CALLBACK (on_response), NULL);
  return self;
}

const char *
odan_invite_dialog_get_link (OdanInviteDialog *self)
{
  g_return_val_if_fail (ODAN_IS_INVITE_DIALOG (self), NULL);
  return self->link;
}

guint
odan_invite_dialog_get_qr_size (OdanInviteDialog *self)
{
  g_return_val_if_fail (ODAN_IS_INVITE_DIALOG (self), 0);
  return self->qr_size;
}

static void
odan_invite_dialog_finalize (GObject *object)
{
  OdanInviteDialog *self = ODAN_INVITE_DIALOG (object);

  g_clear_object (&self->exercise);
  g_free (self->team);
  g_free (self->code);
  g_free (self->link);

  G_OBJECT_CLASS (odan_invite_dialog_parent_class)->finalize (object);
}

static void
odan_invite_dialog_class_init (OdanInviteDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = odan_invite_dialog_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/jp/odan/Odan/odan-invite-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, OdanInviteDialog, base_row);
  gtk_widget_class_bind_template_child (widget_class, OdanInviteDialog, qr_picture);
  gtk_widget_class_bind_template_child (widget_class, OdanInviteDialog, link_label);
}

static void
odan_invite_dialog_init (OdanInviteDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
