using System.ComponentModel;
using Coordinator.Client.Connection;
using Coordinator.Console.App;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Coordinator.Console.Commands.Context;

[Description("Save a named cluster connection (the connection string only as an environment variable or file to read it from).")]
public sealed class ContextAddCommand(CommandRunner runner, ConsoleIo io, ConsoleEnvironment environment) : AsyncCommand<ContextAddSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, ContextAddSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, _ =>
        {
            var path = ConnectionContexts.PathOf(environment.Get);
            var file = ConnectionContexts.Load(path);
            var replaced = file.Contexts.ContainsKey(settings.Name);
            file.Contexts[settings.Name] = settings.ToContext();
            ConnectionContexts.Save(path, settings.Use ? file with { Current = settings.Name } : file);
            io.Out.MarkupLineInterpolated($"{(replaced ? "replaced" : "added")} context [bold]{settings.Name}[/] in {path}{(settings.Use ? "; it is the current context" : string.Empty)}");
            return Task.FromResult(ExitCodes.Ok);
        }, cancellationToken);
}

[Description("Make a saved context the current one: commands use it unless a flag or Coordinator__* variable says otherwise.")]
public sealed class ContextUseCommand(CommandRunner runner, ConsoleIo io, ConsoleEnvironment environment) : AsyncCommand<ContextNameSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, ContextNameSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, _ =>
        {
            var path = ConnectionContexts.PathOf(environment.Get);
            var file = ConnectionContexts.Load(path);
            if (!file.Contexts.ContainsKey(settings.Name))
            {
                throw new UsageException("unknown context", [new FieldError("name", $"'{settings.Name}' is not a context in {path ?? "(no contexts file)"}; see 'context list'")]);
            }

            ConnectionContexts.Save(path, file with { Current = settings.Name });
            io.Out.MarkupLineInterpolated($"current context: [bold]{settings.Name}[/]");
            return Task.FromResult(ExitCodes.Ok);
        }, cancellationToken);
}

[Description("List the saved contexts; the current one is marked. Connection strings are shown only by where they come from.")]
public sealed class ContextListCommand(CommandRunner runner, ConsoleIo io, ConsoleEnvironment environment) : AsyncCommand<ConsoleSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, ConsoleSettings settings, CancellationToken cancellationToken) =>
        runner.RunAsync(settings, _ =>
        {
            var path = ConnectionContexts.PathOf(environment.Get);
            var file = ConnectionContexts.Load(path);
            if (file.Contexts.Count == 0)
            {
                io.Out.MarkupLineInterpolated($"no contexts in {path ?? "(no contexts file: set COORDINATOR_CONFIG or HOME)"}; add one with 'context add'");
                return Task.FromResult(ExitCodes.Ok);
            }

            var table = new Table().AddColumns("", "Context", "Mode", "Cluster id", "Service id", "Gateway port", "Connection string from");
            foreach (var (name, saved) in file.Contexts)
            {
                table.AddRow(
                    name == file.Current ? "*" : string.Empty,
                    Markup.Escape(name),
                    Markup.Escape(saved.Mode ?? "-"),
                    Markup.Escape(saved.ClusterId ?? "-"),
                    Markup.Escape(saved.ServiceId ?? "-"),
                    saved.GatewayPort?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                    Markup.Escape(saved.ConnectionStringVariable is { } v ? "$" + v : saved.ConnectionStringFile is { } f ? "file " + f : "-"));
            }

            io.Out.Write(table);
            return Task.FromResult(ExitCodes.Ok);
        }, cancellationToken);
}
