using Coordinator.Campaigns;

namespace Coordinator.Core.Tests.Campaigns;

public sealed class BaselineWindowTests
{
    [Fact]
    public void The_baseline_spans_the_waves_hold_but_never_less_than_a_minute()
    {
        var spec = CampaignSamples.Spec() with { Hold = TimeSpan.FromMinutes(15) };
        var shortWave = spec.Waves[0] with { Hold = TimeSpan.FromSeconds(4) };
        var noHold = spec.Waves[1] with { Hold = TimeSpan.Zero };

        Assert.Equal(TimeSpan.FromMinutes(15), spec.BaselineOf(spec.Waves[2]));
        Assert.Equal(CampaignLimits.MinBaselineWindow, spec.BaselineOf(shortWave));
        Assert.Equal(CampaignLimits.MinBaselineWindow, spec.BaselineOf(noHold));
        Assert.Equal(TimeSpan.FromMinutes(1), CampaignLimits.MinBaselineWindow);
    }
}
