"""The staff member's own notification settings (one small desk page)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from netra.core.decorators import role_required
from netra.core.permissions import CASE_DESK_ROLES

from .forms import StaffPreferenceForm
from .models import Channel, StaffPreference


@role_required(*CASE_DESK_ROLES)
@require_http_methods(["GET", "POST"])
def preferences(request):
    """Only the signed-in person's own row is ever read or written here."""
    pref = StaffPreference.objects.filter(user=request.user).first() or StaffPreference(user=request.user)
    form = StaffPreferenceForm(request.POST or None, instance=pref)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Preferensi notifikasi disimpan."))
        return redirect("notifications:preferences")
    no_email = pref.channel == Channel.EMAIL and not request.user.email
    return render(request, "notifications/preferences.html", {"form": form, "no_email": no_email},
                  status=400 if form.errors else 200)
