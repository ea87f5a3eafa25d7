using Coordinator.Client;
using Coordinator.Domain;
using Coordinator.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Coordinator.ClusterTests.Hosting;

public sealed class SiloOptionsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] pairs) =>
        new ConfigurationBuilder().AddInMemoryCollection(pairs.Select(p => KeyValuePair.Create(p.Key, (string?)p.Value))).Build();

    [Fact]
    public void Defaults_are_a_valid_embedded_silo()
    {
        var options = CoordinatorSiloOptionsReader.Read(Config());
        Assert.Equal(StorageMode.Embedded, options.StorageMode);
        Assert.Equal(11111, options.SiloPort);
    }

    [Fact]
    public void Every_invalid_setting_is_reported_at_once_naming_its_key()
    {
        var config = Config(
            ("Coordinator:StorageMode", "azure"),
            ("Coordinator:SiloPort", "eleven"),
            ("Coordinator:GatewayPort", "70000"),
            ("Coordinator:HttpPort", "30000"),
            ("Coordinator:ClusterId", "bad id!"),
            ("Coordinator:AdvertisedIPAddress", "localhost"),
            ("Coordinator:StreamQueues", "4"));

        var ex = Assert.Throws<OptionsValidationException>(() => CoordinatorSiloOptionsReader.Read(config));

        var keys = ex.Failures.Select(f => f[..f.IndexOf(": ", StringComparison.Ordinal)]).ToList();
        Assert.Equal(
            [
                "Coordinator:StreamQueues", "Coordinator:SiloPort", "Coordinator:ClusterId", "Coordinator:GatewayPort",
                "Coordinator:AdvertisedIPAddress", "Coordinator:AuditKey", "Coordinator:AzureStorageConnectionString",
            ],
            keys);
    }

    [Fact]
    public void Embedded_mode_without_an_audit_key_uses_the_labelled_demo_key()
    {
        var options = CoordinatorSiloOptionsReader.Read(Config());

        Assert.Same(AuditKey.DemoNotSecret, options.ToAuditKey());
    }

    [Fact]
    public void A_configured_audit_key_is_the_one_used()
    {
        var base64 = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray());
        var options = CoordinatorSiloOptionsReader.Read(Config(("Coordinator:AuditKey", base64)));

        Assert.NotEqual(AuditKey.DemoNotSecret.Fingerprint, options.ToAuditKey().Fingerprint);
        Assert.Equal(AuditKey.TryParse(base64, out _)!.Fingerprint, options.ToAuditKey().Fingerprint);
    }

    [Fact]
    public void A_short_audit_key_is_refused_by_name_without_echoing_it()
    {
        var tooShort = Convert.ToBase64String(new byte[16]);

        var ex = Assert.Throws<OptionsValidationException>(() => CoordinatorSiloOptionsReader.Read(Config(("Coordinator:AuditKey", tooShort))));

        var failure = Assert.Single(ex.Failures);
        Assert.Equal("Coordinator:AuditKey: decodes to 16 bytes; at least 32 are required", failure);
        Assert.DoesNotContain(tooShort, failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_failover_setting_is_reported_at_once_naming_its_key()
    {
        var config = Config(
            ("Coordinator:ProbeTimeoutMilliseconds", "50"),
            ("Coordinator:MissedProbesLimit", "0"),
            ("Coordinator:DeathVoteExpirationSeconds", "601"),
            ("Coordinator:MembershipTableRefreshSeconds", "0"),
            ("Coordinator:IAmAlivePublishSeconds", "soon"),
            ("Coordinator:CampaignWakeSeconds", "301"));

        var ex = Assert.Throws<OptionsValidationException>(() => CoordinatorSiloOptionsReader.Read(config));

        var keys = ex.Failures.Select(f => f[..f.IndexOf(": ", StringComparison.Ordinal)]).ToList();
        Assert.Equal(
            [
                "Coordinator:IAmAlivePublishSeconds", "Coordinator:ProbeTimeoutMilliseconds", "Coordinator:MissedProbesLimit",
                "Coordinator:DeathVoteExpirationSeconds", "Coordinator:MembershipTableRefreshSeconds", "Coordinator:CampaignWakeSeconds",
            ],
            keys);
    }

    [Fact]
    public void Death_votes_must_outlast_the_probes_that_cast_them()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => CoordinatorSiloOptionsReader.Read(Config(
            ("Coordinator:ProbeTimeoutMilliseconds", "5000"), ("Coordinator:MissedProbesLimit", "3"), ("Coordinator:DeathVoteExpirationSeconds", "15"))));
        var failure = Assert.Single(ex.Failures);
        Assert.StartsWith("Coordinator:DeathVoteExpirationSeconds: must be longer than", failure, StringComparison.Ordinal);
        Assert.Contains("15000 ms", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Failover_defaults_suit_a_small_cluster_and_reach_orleans()
    {
        var options = CoordinatorSiloOptionsReader.Read(Config(("Coordinator:ProbeTimeoutMilliseconds", "750")));
        var membership = new Orleans.Configuration.ClusterMembershipOptions();
        CoordinatorSiloBuilderExtensions.ApplyMembership(membership, options);

        Assert.Equal(TimeSpan.FromMilliseconds(750), membership.ProbeTimeout);
        Assert.Equal(2, membership.NumMissedProbesLimit);
        Assert.Equal(TimeSpan.FromSeconds(20), membership.DeathVoteExpirationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(5), membership.TableRefreshTimeout);
        Assert.Equal(TimeSpan.FromSeconds(10), membership.IAmAliveTablePublishTimeout);
        Assert.Equal(5, options.CampaignWakeSeconds);
    }

    [Fact]
    public void Ports_must_be_distinct()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => CoordinatorSiloOptionsReader.Read(Config(
            ("Coordinator:SiloPort", "5000"), ("Coordinator:GatewayPort", "5000"), ("Coordinator:HttpPort", "5000"))));
        Assert.Contains(ex.Failures, f => f.StartsWith("Coordinator:GatewayPort", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Coordinator:HttpPort", StringComparison.Ordinal));
    }

    [Fact]
    public void Client_options_report_every_problem()
    {
        var failures = new CoordinatorClientOptions { StorageMode = "azure", ClusterId = "", AzureStorageConnectionString = null }.Validate();
        Assert.Equal(2, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Coordinator:ClusterId", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Coordinator:AzureStorageConnectionString", StringComparison.Ordinal));
    }

    [Fact]
    public void Client_failover_settings_are_validated_by_name()
    {
        var failures = new CoordinatorClientOptions { GatewayListRefreshSeconds = 0, FailoverRetrySeconds = -1 }.Validate();
        Assert.Equal(
            ["Coordinator:GatewayListRefreshSeconds", "Coordinator:FailoverRetrySeconds"],
            failures.Select(f => f[..f.IndexOf(": ", StringComparison.Ordinal)]));
        Assert.Empty(new CoordinatorClientOptions { FailoverRetrySeconds = 0 }.Validate());
    }
}
