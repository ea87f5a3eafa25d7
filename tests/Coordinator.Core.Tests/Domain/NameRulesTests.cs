using Coordinator.Domain;

namespace Coordinator.Core.Tests.Domain;

public sealed class NameRulesTests
{
    [Theory]
    [InlineData("eu-west")]
    [InlineData("a")]
    [InlineData("rag-api-2")]
    public void Valid_names_pass(string name)
    {
        var errors = new List<FieldError>();
        NameRules.Check("region", name, errors);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("", "is required")]
    [InlineData("EU_West", "lowercase")]
    [InlineData("-west", "lowercase")]
    [InlineData("west-", "lowercase")]
    [InlineData("eu/west", "lowercase")]
    public void Invalid_names_are_refused_with_the_field_named(string name, string reasonPart)
    {
        var errors = new List<FieldError>();
        NameRules.Check("region", name, errors);
        var error = Assert.Single(errors);
        Assert.Equal("region", error.Field);
        Assert.Contains(reasonPart, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlong_names_are_refused()
    {
        var errors = new List<FieldError>();
        NameRules.Check("service", new string('a', 64), errors);
        Assert.Contains("63", Assert.Single(errors).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Region_key_validation_reports_both_fields()
    {
        var ex = Assert.Throws<InvalidInputException>(() => NameRules.ValidateRegionKey("Rag API", "EU_West"));
        Assert.Equal(["service", "region"], ex.Errors.Select(e => e.Field));
        Assert.Equal(CoordinatorErrorCode.InvalidInput, ex.Code);
    }
}
