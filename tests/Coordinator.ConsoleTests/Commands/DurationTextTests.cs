using Coordinator.Console.Commands;

namespace Coordinator.ConsoleTests.Commands;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData(" 45s ", 45_000)]
    public void A_whole_number_with_a_unit_parses(string text, long milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("s")]
    [InlineData("1.5s")]
    [InlineData("-1s")]
    [InlineData("30 s")]
    [InlineData("2M")]
    [InlineData("1d")]
    [InlineData("1m30s")]
    public void Anything_else_is_refused(string? text)
    {
        Assert.False(DurationText.TryParse(text, out _));
    }

    [Theory]
    [InlineData(1_500, "1500ms")]
    [InlineData(90_000, "90s")]
    [InlineData(120_000, "2m")]
    [InlineData(7_200_000, "2h")]
    public void Format_uses_the_largest_unit_that_is_exact_and_parses_back(long milliseconds, string expected)
    {
        var value = TimeSpan.FromMilliseconds(milliseconds);

        Assert.Equal(expected, DurationText.Format(value));
        Assert.True(DurationText.TryParse(expected, out var back));
        Assert.Equal(value, back);
    }
}
