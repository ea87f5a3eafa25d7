using Coordinator.Notifications;

namespace Coordinator.Core.Tests.Notifications;

public sealed class WebhookValidatorTests
{
    private const string Secret = "0123456789abcdef-secret";

    private static WebhookSpec Valid => new() { Url = "https://hooks.example.com/coordinator", Secret = Secret, Format = WebhookFormat.Json };

    [Fact]
    public void A_valid_webhook_has_no_errors_and_an_existing_one_may_keep_its_secret()
    {
        Assert.Empty(WebhookValidator.Validate("pager", Valid, exists: false));
        Assert.Empty(WebhookValidator.Validate("pager", Valid with { Secret = null }, exists: true));
        Assert.Empty(WebhookValidator.Validate("pager", Valid with { Url = "http://127.0.0.1:8080/hook?channel=ops" }, exists: false));
    }

    [Fact]
    public void Every_bad_field_is_named_at_once()
    {
        var spec = new WebhookSpec
        {
            Url = "ftp://hooks.example.com/x",
            Secret = "short",
            Events = [NotificationKind.Started, NotificationKind.Started, (NotificationKind)99],
            Format = (WebhookFormat)7,
        };

        var errors = WebhookValidator.Validate("Pager!", spec, exists: false);

        Assert.Equal(["webhook", "$.url", "$.secret", "$.events[1]", "$.events[2]", "$.format"], errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("hooks.example.com/x", "absolute http")]
    [InlineData("https://user:hunter2@hooks.example.com/x", "credentials")]
    [InlineData("https://@hooks.example.com/x", "credentials")]
    [InlineData("https://hooks.example.com/x#frag", "fragment")]
    [InlineData("https://hooks.example.com/a b", "whitespace")]
    public void A_bad_url_is_refused_without_being_quoted(string? url, string reason)
    {
        var error = Assert.Single(WebhookValidator.Validate("pager", Valid with { Url = url }, exists: false));

        Assert.Equal("$.url", error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("hooks.example.com", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_webhook_needs_a_secret_and_a_bad_secret_is_never_echoed()
    {
        Assert.Equal("$.secret", Assert.Single(WebhookValidator.Validate("pager", Valid with { Secret = null }, exists: false)).Field);

        var tooShort = Assert.Single(WebhookValidator.Validate("pager", Valid with { Secret = "tiny-secret" }, exists: true));
        Assert.Equal("$.secret", tooShort.Field);
        Assert.Contains("(got 11)", tooShort.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("tiny-secret", tooShort.Reason, StringComparison.Ordinal);

        var control = Assert.Single(WebhookValidator.Validate("pager", Valid with { Secret = "0123456789abcdef\n" }, exists: true));
        Assert.Equal("$.secret", control.Field);
    }

    [Fact]
    public void An_empty_event_list_is_refused_but_a_missing_one_means_all()
    {
        Assert.Equal("$.events", Assert.Single(WebhookValidator.Validate("pager", Valid with { Events = [] }, exists: false)).Field);
        Assert.Empty(WebhookValidator.Validate("pager", Valid with { Events = null }, exists: false));
    }

    [Fact]
    public void Event_names_parse_by_their_wire_names_and_unknown_ones_are_named_by_position()
    {
        var errors = new List<FieldError>();
        var kinds = WebhookValidator.ParseEvents("--events", ["gate_failed", "rolled_back"], errors);
        Assert.Empty(errors);
        Assert.Equal([NotificationKind.GateFailed, NotificationKind.RolledBack], kinds);

        Assert.Null(WebhookValidator.ParseEvents("--events", ["gate_failed", "GateFailed", "flipped"], errors));
        Assert.Equal(["--events[1]", "--events[2]"], errors.Select(e => e.Field));
        Assert.Contains("wave_done", errors[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_kind_round_trips_through_its_wire_name()
    {
        foreach (var kind in Enum.GetValues<NotificationKind>())
        {
            Assert.True(NotificationKinds.TryParse(kind.ToWire(), out var parsed));
            Assert.Equal(kind, parsed);
        }

        Assert.Equal(Enum.GetValues<NotificationKind>().Length, NotificationKinds.All.Count);
    }

    [Fact]
    public void Formats_parse_json_by_default_and_refuse_others_by_field()
    {
        var errors = new List<FieldError>();
        Assert.Equal(WebhookFormat.Json, WebhookValidator.ParseFormat("--format", null, errors));
        Assert.Equal(WebhookFormat.Slack, WebhookValidator.ParseFormat("--format", "slack", errors));
        Assert.Null(WebhookValidator.ParseFormat("--format", "teams", errors));
        Assert.Equal("--format", Assert.Single(errors).Field);
    }
}
