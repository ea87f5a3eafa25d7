using Coordinator.Campaigns.Json;
using Coordinator.Console.App;
using Coordinator.Console.Commands.Campaigns;
using Coordinator.ConsoleTests.Infrastructure;

namespace Coordinator.ConsoleTests.Campaigns;

/// <summary>A spec file read once answers exactly as the spec reader does when it reads the file itself.</summary>
public sealed class CampaignSpecFileTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"spec-file-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void A_missing_file_is_reported_in_the_readers_words()
    {
        var file = CampaignSpecFile.Load(_path);

        Assert.Null(file.Service);
        Assert.Equal(CampaignSpecReader.ReadFile(_path).Errors, file.Read().Errors);
        var error = Assert.Throws<UsageException>(() => file.Require());
        Assert.Equal($"campaign spec '{_path}' is invalid", error.Headline);
    }

    [Fact]
    public void Regions_are_checked_on_the_spec_already_read()
    {
        File.WriteAllText(_path, TestCampaigns.Spec("rag-api", "c-1", "eu-west", "us-east").ToJsonString());
        var registered = new HashSet<string>(StringComparer.Ordinal) { "eu-west" };

        var file = CampaignSpecFile.Load(_path);
        var spec = file.Require();
        var error = Assert.Throws<UsageException>(() => file.RequireRegistered(spec, registered));

        Assert.Equal("rag-api", file.Service);
        Assert.Equal(CampaignSpecReader.ReadFile(_path, registered).Errors, error.Errors);
        Assert.Contains(error.Errors, e => e.Reason.Contains("us-east", StringComparison.Ordinal));
        Assert.Same(spec, file.RequireRegistered(spec, new HashSet<string>(StringComparer.Ordinal) { "eu-west", "us-east" }));
    }

    [Fact]
    public void An_invalid_spec_still_names_its_service_so_plan_can_check_regions()
    {
        var spec = TestCampaigns.Spec("rag-api", "c-2", "eu-west");
        spec["hold_seconds"] = -5;
        File.WriteAllText(_path, spec.ToJsonString());

        var file = CampaignSpecFile.Load(_path);

        Assert.Equal("rag-api", file.Service);
        Assert.False(file.Read().IsValid);
        Assert.Equal(CampaignSpecReader.ReadFile(_path).Errors, file.Read().Errors);
    }
}
