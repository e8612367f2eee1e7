import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .enums import DEFAULT_TOKEN_DAYS, READ_ONLY, ApiAccess


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in. Identified by email; nothing about origin or religion, ever.

    `is_staff` means access to the Django admin (platform admins). Agency staff are people with a
    `agencies.StaffMembership`, not Django staff.
    """

    email = models.EmailField(_("email address"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="de"
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(_("platform admin"), default=False)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name.split(" ")[0] if self.name else self.email


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def _read_only() -> list[str]:
    return list(READ_ONLY)


class ApiTokenQuerySet(models.QuerySet):
    def for_raw(self, raw: str):
        """The token with this value, expired or not, of an active person."""
        return self.filter(key_hash=_hash_token(raw), user__is_active=True)


class ApiToken(models.Model):
    """A bearer token for the API. Only its hash is stored; the raw token is shown once.

    It expires, and it may do only what its scopes name (`enums.SCOPES`), within what its owner
    may do: a read scope of an area lets it read there, a write scope read and change.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(max_length=8, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"))
    scopes = models.JSONField(_("scopes"), default=_read_only)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def has_expired(self, now=None) -> bool:
        return (now or timezone.now()) >= self.expires_at

    def allows(self, area: str, access: str) -> bool:
        # A write scope includes reading the same area.
        granted = {f"{area}:{access}", f"{area}:{ApiAccess.WRITE}"}
        return bool(granted & set(self.scopes))

    @classmethod
    def issue(
        cls,
        *,
        user: User,
        name: str,
        days: int = DEFAULT_TOKEN_DAYS,
        scopes: list[str] | None = None,
    ) -> tuple["ApiToken", str]:
        """Create a token; callers check who may have one (`services.issue_api_token`)."""
        raw = secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user,
            name=name,
            key_hash=_hash_token(raw),
            prefix=raw[:8],
            expires_at=timezone.now() + timedelta(days=days),
            scopes=sorted(set(READ_ONLY if scopes is None else scopes)),
        )
        return token, raw
