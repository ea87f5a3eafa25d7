using Coordinator.Arms;

namespace Coordinator.EdgeTests.Arms;

public sealed class ArmOptionsTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.Empty(ArmOptionsValidator.Validate(ArmOptions.ForBlue()));
        Assert.Empty(ArmOptionsValidator.Validate(ArmOptions.ForGreen() with { DropFraction = 0.9, FaultFraction = 1, FaultStatus = 599, RetrieveDelayMs = 60_000 }));
    }

    [Fact]
    public void Every_bad_field_is_named_at_once()
    {
        var bad = new ArmOptions
        {
            Name = "Green!",
            Build = (ArmBuild)9,
            DropFraction = 0.95,
            RetrieveDelayMs = -1,
            RerankDelayMs = 60_001,
            ReasonDelayMs = -5,
            FaultFraction = double.NaN,
            FaultStatus = 404,
            MaxTopK = 0,
            DefaultTopK = 4,
        };

        var errors = ArmOptionsValidator.Validate(bad);

        Assert.Equal(
            ["Name", "Build", "DropFraction", "RetrieveDelayMs", "RerankDelayMs", "ReasonDelayMs", "FaultFraction", "FaultStatus", "MaxTopK", "DefaultTopK"],
            errors.Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)]));
        var thrown = Assert.Throws<ArmOptionsException>(() => new RagArm(bad));
        Assert.Equal(errors, thrown.Errors);
    }

    [Fact]
    public void The_default_top_k_may_not_exceed_the_maximum()
    {
        var errors = ArmOptionsValidator.Validate(ArmOptions.ForBlue() with { MaxTopK = 2, DefaultTopK = 3 });
        Assert.Equal(["DefaultTopK: 3 must be between 1 and MaxTopK (2)"], errors);
    }
}
