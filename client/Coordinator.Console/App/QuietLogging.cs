using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Coordinator.Console.App;

/// <summary>Warnings and errors only, on standard error, so standard output carries nothing but results.</summary>
public static class QuietLogging
{
    public static ILoggingBuilder UseQuietConsoleLogging(this ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(LogLevel.Warning);
        logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        logging.AddSimpleConsole(o => o.SingleLine = true);
        return logging;
    }
}
