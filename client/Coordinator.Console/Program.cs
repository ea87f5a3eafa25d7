using Coordinator.Console.App;

return await CoordinatorConsole.RunAsync(args);
