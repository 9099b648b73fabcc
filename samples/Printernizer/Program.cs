using System;
using Printernizer.Cli;

// With no arguments (or `demo`) the sample prints the policy's sample payload as a submission sends it
// (SeedPayloadDemo.cs), then the commands; each command works on a real statistics store (Cli/).
return await PrinternizerCli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
