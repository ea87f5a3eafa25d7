using Coordinator.Fleet;

namespace Coordinator.ConsoleTests.Fleet;

public sealed class FaultInjectionTests
{
    [Theory]
    [InlineData("ap-south:coverage=0.55", "ap-south", FaultMetric.Coverage, 0.55)]
    [InlineData("eu-west:delta_s=0.7", "eu-west", FaultMetric.DeltaS, 0.7)]
    [InlineData("eu-west:ds=0.7", "eu-west", FaultMetric.DeltaS, 0.7)]
    [InlineData("us-east:latency_factor=1.5", "us-east", FaultMetric.LatencyFactor, 1.5)]
    [InlineData("us-east:error_rate=0.02", "us-east", FaultMetric.ErrorRate, 0.02)]
    [InlineData("us-east:five_xx=0.05", "us-east", FaultMetric.Http5xxRate, 0.05)]
    [InlineData("us-east:http_5xx_rate=0.05", "us-east", FaultMetric.Http5xxRate, 0.05)]
    [InlineData("us-east:lambda_flips=0.3", "us-east", FaultMetric.LambdaFlipRate, 0.3)]
    [InlineData("us-east:tool_loop=0.01", "us-east", FaultMetric.ToolLoopRate, 0.01)]
    [InlineData(" us-east : COVERAGE = 0.5 ", "us-east", FaultMetric.Coverage, 0.5)]
    public void A_valid_injection_parses_to_its_region_metric_and_value(string text, string region, FaultMetric metric, double value)
    {
        var errors = new List<FieldError>();

        var parsed = FaultInjection.Parse(text, errors);

        Assert.Empty(errors);
        Assert.Equal(new FaultInjection(region, metric, value), parsed);
    }

    [Fact]
    public void An_injection_prints_with_the_canonical_metric_name()
    {
        var parsed = FaultInjection.Parse("ap-south:five_xx=0.050", []);

        Assert.Equal("ap-south:http_5xx_rate=0.05", parsed!.ToString());
    }

    [Theory]
    [InlineData("", "is not <region>:<metric>=<value>")]
    [InlineData("coverage=0.5", "is not <region>:<metric>=<value>")]
    [InlineData("ap-south:=0.5", "is not <region>:<metric>=<value>")]
    [InlineData("ap-south:coverage=", "is not <region>:<metric>=<value>")]
    [InlineData("ap-south:bogus=0.5", "unknown metric 'bogus'; use one of coverage, delta_s, latency_factor")]
    [InlineData("ap-south:coverage=abc", "not a number")]
    [InlineData("ap-south:coverage=NaN", "not a number")]
    [InlineData("ap-south:coverage=-0.1", "outside 0-1")]
    [InlineData("ap-south:latency_factor=0", "outside 0.1-100")]
    [InlineData("Ap_South:coverage=0.5", "invalid region")]
    public void A_bad_injection_is_one_error_naming_the_option_the_value_and_why(string text, string reason)
    {
        var errors = new List<FieldError>();

        var parsed = FaultInjection.Parse(text, errors);

        Assert.Null(parsed);
        var error = Assert.Single(errors);
        Assert.Equal("--inject", error.Field);
        Assert.Contains($"'{text}'", error.Reason);
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public void Every_bad_value_is_reported_at_once_and_a_metric_may_not_be_degraded_twice_in_a_region()
    {
        var errors = new List<FieldError>();

        var parsed = FaultInjection.ParseAll(["ap-south:coverage=0.5", "x", "ap-south:coverage=0.4", "ap-south:five_xx=0.1", "y:z=1"], errors);

        Assert.Equal([FaultMetric.Coverage, FaultMetric.Http5xxRate], parsed.Select(p => p.Metric));
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Reason.Contains("a second time", StringComparison.Ordinal));
    }

    [Fact]
    public void An_injection_into_a_region_the_fleet_does_not_run_is_an_error()
    {
        var errors = new List<FieldError>();

        FaultInjection.CheckRegions([new FaultInjection("mars", FaultMetric.Coverage, 0.5), new FaultInjection("eu-west", FaultMetric.Coverage, 0.5)], ["eu-west"], errors);

        var error = Assert.Single(errors);
        Assert.Contains("'mars'", error.Reason);
    }
}
