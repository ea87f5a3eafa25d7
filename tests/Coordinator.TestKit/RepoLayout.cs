using System.Reflection;

namespace Coordinator.TestKit;

/// <summary>Where the built silo and console of this checkout are, for the tests that run them as processes.</summary>
public static class RepoLayout
{
    private const string SolutionFile = "Coordinator.sln";

    public static string Root { get; } = FindRoot();

    /// <summary>The configuration this test assembly was built in (Debug or Release); the exes are built alongside.</summary>
    public static string Configuration { get; } = Metadata("Configuration");

    public static string TargetFramework { get; } = Metadata("TargetFramework");

    public static string SiloDll => Output("silo", "Coordinator.Silo");

    public static string ConsoleDll => Output("client", "Coordinator.Console");

    /// <summary>The `dotnet` that runs these tests, so the children use the same runtime.</summary>
    public static string DotnetHost
    {
        get
        {
            if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
            {
                return host;
            }

            var current = Environment.ProcessPath;
            return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
        }
    }

    /// <summary>The path of a built project's dll; throws, saying how to build it, when it is missing.</summary>
    public static string RequireBuilt(string dll)
    {
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException(
                $"{dll} is not built. Build the solution first (`dotnet build {SolutionFile} -c {Configuration}`, or run `bash infra/run-tests.sh`).",
                dll);
        }

        return dll;
    }

    private static string Output(string folder, string project) =>
        Path.Combine(Root, folder, project, "bin", Configuration, TargetFramework, project + ".dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no {SolutionFile} above {AppContext.BaseDirectory}: the tests must run from inside the repository");
    }

    private static string Metadata(string key) =>
        typeof(RepoLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"assembly metadata '{key}' is missing; see the test project file");
}
