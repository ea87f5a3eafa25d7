using Coordinator.Api;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Coordinator.ApiTests;

/// <summary>Settings are checked before anything is served, every failure listed at once.</summary>
public sealed class ApiOptionsTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Azure_mode_refuses_to_start_without_tokens_unless_told_so()
    {
        var refused = Assert.Throws<OptionsValidationException>(() => ApiOptionsReader.Read(
            Config(("Coordinator:StorageMode", "azure"), ("Coordinator:Api:Authentication", "none"))));
        var allowed = ApiOptionsReader.Read(Config(
            ("Coordinator:StorageMode", "azure"), ("Coordinator:Api:Authentication", "none"), ("Coordinator:Api:AllowUnauthenticated", "true")));

        Assert.Contains(refused.Failures, f => f.Contains("none is refused in azure mode", StringComparison.Ordinal));
        Assert.True(allowed.IsOpen);
    }

    [Fact]
    public void Azure_mode_defaults_to_tokens_and_needs_principals()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => ApiOptionsReader.Read(Config(("Coordinator:StorageMode", "azure"))));

        Assert.Contains(ex.Failures, f => f.Contains("Principals: tokens authentication needs at least one principal", StringComparison.Ordinal));
    }

    [Fact]
    public void Embedded_mode_off_loopback_needs_tokens()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => ApiOptionsReader.Read(Config(("Coordinator:AdvertisedIPAddress", "10.0.0.4"))));

        Assert.Contains(ex.Failures, f => f.Contains("loopback", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_bad_principal_setting_is_listed_at_once()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => ApiOptionsReader.Read(Config(
            ("Coordinator:Api:Principals:0:Name", "ops"),
            ("Coordinator:Api:Principals:0:TokenSha256", "my-plain-token"),
            ("Coordinator:Api:Principals:0:Roles:0", "admin"),
            ("Coordinator:Api:Principals:1:Name", "ops"),
            ("Coordinator:Api:Principals:1:TokenSha256", new string('a', 64)),
            ("Coordinator:Api:MaxWaitSeconds", "0"))));

        Assert.Contains(ex.Failures, f => f.StartsWith("Coordinator:Api:Principals:0:TokenSha256:", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Coordinator:Api:Principals:0:Roles: 'admin'", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Coordinator:Api:Principals:1:Name: 'ops' is configured twice", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Coordinator:Api:Principals:1:Roles:", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("Coordinator:Api:MaxWaitSeconds:", StringComparison.Ordinal));
    }
}
