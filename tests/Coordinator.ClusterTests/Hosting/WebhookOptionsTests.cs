using Coordinator.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Coordinator.ClusterTests.Hosting;

public sealed class WebhookOptionsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] pairs) =>
        new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value))).Build();

    [Fact]
    public void The_webhook_settings_become_the_delivery_options()
    {
        var options = CoordinatorSiloOptionsReader.Read(Config(
            ("Coordinator:WebhookAttemptTimeoutSeconds", "3"),
            ("Coordinator:WebhookInitialBackoffMilliseconds", "250"),
            ("Coordinator:WebhookMaxBackoffSeconds", "60"))).ToWebhookDeliveryOptions();

        Assert.Equal(TimeSpan.FromSeconds(3), options.AttemptTimeout);
        Assert.Equal((TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(60)), (options.Backoff.Initial, options.Backoff.Max));
    }

    [Fact]
    public void Bad_webhook_settings_are_each_named_by_key()
    {
        var config = Config(
            ("Coordinator:WebhookAttemptTimeoutSeconds", "0"),
            ("Coordinator:WebhookInitialBackoffMilliseconds", "5000"),
            ("Coordinator:WebhookMaxBackoffSeconds", "2"));

        var ex = Assert.Throws<OptionsValidationException>(() => CoordinatorSiloOptionsReader.Read(config));

        Assert.Equal(
            ["Coordinator:WebhookAttemptTimeoutSeconds", "Coordinator:WebhookMaxBackoffSeconds"],
            ex.Failures.Select(f => f[..f.IndexOf(": ", StringComparison.Ordinal)]));
        Assert.Contains("at least Coordinator:WebhookInitialBackoffMilliseconds (5000 ms)", ex.Failures.Last(), StringComparison.Ordinal);
    }
}
