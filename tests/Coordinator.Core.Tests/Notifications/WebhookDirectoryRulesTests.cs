using Coordinator.Core.Tests.Campaigns;
using Coordinator.Notifications;

namespace Coordinator.Core.Tests.Notifications;

public sealed class WebhookDirectoryRulesTests
{
    private static readonly DateTimeOffset T0 = CampaignSamples.T0;
    private const string Secret = "0123456789abcdef-secret";
    private const string SlackUrl = "https://hooks.slack.com/services/T000/B000/XXXXtokenXXXX";

    private static WebhookSpec Spec(string url = SlackUrl, string? secret = Secret) => new() { Url = url, Secret = secret, Format = WebhookFormat.Slack };

    [Fact]
    public void A_new_webhook_gets_a_fresh_id_starts_after_the_outbox_and_shows_no_secret_or_token()
    {
        var decision = WebhookDirectoryRules.Set(new WebhookDirectoryState(), "ops", Spec(), "alice", T0, outboxLast: 17);

        var target = decision.Next!.Webhooks["ops"];
        Assert.Equal((1L, 17L, Secret), (target.Id, target.FromSequence, target.Secret));
        Assert.Equal(NotificationKinds.All, target.Events);
        var view = decision.Result;
        Assert.Equal("https://hooks.slack.com", view.Endpoint);
        Assert.Equal(WebhookDirectoryRules.Fingerprint(SlackUrl), view.UrlFingerprint);
        Assert.Equal(12, view.UrlFingerprint.Length);
        Assert.True(view.SecretSet);
        Assert.DoesNotContain(Secret, view.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("token", view.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Changing_a_webhook_keeps_its_id_cursor_start_and_secret_unless_a_new_one_is_given()
    {
        var state = WebhookDirectoryRules.Set(new WebhookDirectoryState(), "ops", Spec(), "alice", T0, 17).Next!;

        var changed = WebhookDirectoryRules.Set(
            state, "ops", Spec("https://hooks.example.com/b", secret: null) with { Events = [NotificationKind.RolledBack, NotificationKind.GateFailed] }, "bob", T0.AddHours(1), 40);

        var target = changed.Next!.Webhooks["ops"];
        Assert.Equal((1L, 17L, Secret, "bob"), (target.Id, target.FromSequence, target.Secret, target.UpdatedBy));
        Assert.Equal([NotificationKind.GateFailed, NotificationKind.RolledBack], target.Events);
        Assert.Equal("https://hooks.example.com/b", target.Url);
    }

    [Fact]
    public void Setting_the_same_webhook_again_changes_nothing()
    {
        var state = WebhookDirectoryRules.Set(new WebhookDirectoryState(), "ops", Spec(), "alice", T0, 17).Next!;

        var again = WebhookDirectoryRules.Set(state, "ops", Spec(), "bob", T0.AddHours(1), 40);

        Assert.Null(again.Next);
        Assert.Equal("alice", again.Result.UpdatedBy);
    }

    [Fact]
    public void A_removed_webhook_set_again_is_a_new_one()
    {
        var state = WebhookDirectoryRules.Set(new WebhookDirectoryState(), "ops", Spec(), "alice", T0, 17).Next!;
        var removed = WebhookDirectoryRules.Remove(state, "ops");
        Assert.True(removed.Result);
        Assert.False(WebhookDirectoryRules.Remove(removed.Next!, "ops").Result);

        var again = WebhookDirectoryRules.Set(removed.Next!, "ops", Spec(), "alice", T0, 30).Next!.Webhooks["ops"];

        Assert.Equal((2L, 30L), (again.Id, again.FromSequence));
    }

    [Fact]
    public void A_refused_webhook_names_every_field_and_changes_nothing()
    {
        var state = WebhookDirectoryRules.Set(new WebhookDirectoryState(), "ops", Spec(), "alice", T0, 17).Next!;

        var refused = Assert.Throws<InvalidInputException>(() =>
            WebhookDirectoryRules.Set(state, "pager", new WebhookSpec { Url = "nope", Secret = null }, "", T0, 20));

        Assert.Equal(["$.url", "$.secret", "operator"], refused.Errors.Select(e => e.Field));
        Assert.Single(state.Webhooks);
    }

    [Fact]
    public void A_service_has_at_most_its_limit_of_webhooks()
    {
        var state = new WebhookDirectoryState();
        for (var i = 0; i < WebhookKey.MaxPerService; i++)
        {
            state = WebhookDirectoryRules.Set(state, $"hook-{i}", Spec(), "alice", T0, 0).Next!;
        }

        var refused = Assert.Throws<InvalidInputException>(() => WebhookDirectoryRules.Set(state, "one-more", Spec(), "alice", T0, 0));
        Assert.Equal("webhook", Assert.Single(refused.Errors).Field);

        // Changing an existing one is still allowed at the limit.
        Assert.NotNull(WebhookDirectoryRules.Set(state, "hook-0", Spec("https://other.example.com/x"), "alice", T0, 0).Next);
    }
}
