using System.Globalization;
using System.Text.RegularExpressions;

namespace Coordinator.IntegrationTests.Processes.Drill;

/// <summary>The by-hand drill's command line; every bad argument is reported at once.</summary>
public sealed record DrillArguments(RunDescription Description, string? KeepLogs, IReadOnlyList<string> Errors, bool Help)
{
    public const string Usage = """
        usage: bash infra/multiprocess-run.sh [--inject REGION:METRIC=VALUE]... [--keep-logs DIR] [--no-build]
                                              [--silo-dll PATH] [--console-dll PATH] [--connection-string CS]
                                              [--settle-seconds N]
        """;

    public static DrillArguments Parse(IReadOnlyList<string> args)
    {
        var errors = new List<string>();
        var injections = new List<string>();
        var description = RunDescription.Standard();
        string? keepLogs = null;
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var flag = args[i];
            string? Value()
            {
                if (i + 1 < args.Count)
                {
                    return args[++i];
                }

                errors.Add($"{flag} needs a value");
                return null;
            }

            switch (flag)
            {
                case "--inject":
                    if (Value() is { } injection)
                    {
                        if (Regex.IsMatch(injection, "^[a-z0-9-]+:[a-z_0-9]+=[0-9.]+$"))
                        {
                            injections.Add(injection);
                        }
                        else
                        {
                            errors.Add($"--inject '{injection}' is not REGION:METRIC=VALUE (e.g. ap-south:coverage=0.55)");
                        }
                    }

                    break;
                case "--keep-logs":
                    keepLogs = Value();
                    break;
                case "--silo-dll":
                    description = description with { SiloDll = Path.GetFullPath(Value() ?? description.SiloDll) };
                    break;
                case "--console-dll":
                    description = description with { ConsoleDll = Path.GetFullPath(Value() ?? description.ConsoleDll) };
                    break;
                case "--connection-string":
                    description = description with { ConnectionString = Value() ?? description.ConnectionString };
                    break;
                case "--settle-seconds":
                    if (Value() is { } text)
                    {
                        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
                        {
                            description = description with { SettleDeadline = TimeSpan.FromSeconds(seconds) };
                        }
                        else
                        {
                            errors.Add("--settle-seconds must be a whole number");
                        }
                    }

                    break;
                case "-h" or "--help":
                    help = true;
                    break;
                default:
                    errors.Add($"unknown argument '{flag}'");
                    break;
            }
        }

        return new DrillArguments(description with { Injections = injections }, keepLogs, errors, help);
    }
}
