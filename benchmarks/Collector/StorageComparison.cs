using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace PiiGuard.Benchmarks.Collector;

/// <summary>
/// The storage comparison (the <c>storage</c> argument): the real collector over HTTPS on SQLite, on PostgreSQL with
/// one instance, and on PostgreSQL with N instances (two by default) that share one database, side by side in one
/// run. For each number of senders the three configurations run their measured rounds interleaved (SQLite, PostgreSQL
/// x1, PostgreSQL xN, then the reverse order, and so on). Each configuration gets a fresh database (a new file, or a
/// new database on the given PostgreSQL server, dropped at the end). Besides the harness's own numbers it records the
/// PostgreSQL server's CPU time during each round (its processes, read from /proc), the connections each configuration
/// held open, and the database's commits, so that the reasons of a result can be read off the table.
/// </summary>
internal static class StorageComparison
{
    /// <summary>The environment variable that <c>tools/postgres.sh start</c> sets to its server's connection string.</summary>
    public const string ConnectionVariable = "PIIGUARD_TEST_POSTGRES";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine(Settings.Usage);
            return 0;
        }

        Settings settings;
        NpgsqlConnectionStringBuilder server;
        try
        {
            settings = new Settings();
            settings.Parse(args);
            string connectionString = settings.PostgreSql ?? Environment.GetEnvironmentVariable(ConnectionVariable) ?? "";
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new ArgumentException(
                    $"No PostgreSQL server: pass --postgres \"Host=...;Port=...;Username=...;Database=postgres\" or set {ConnectionVariable} " +
                    "(eval \"$(PIIGUARD_POSTGRES_FSYNC=on tools/postgres.sh start)\" starts a local one and sets it).");
            }

            try
            {
                server = new NpgsqlConnectionStringBuilder(connectionString);
            }
            catch (ArgumentException)
            {
                throw new ArgumentException($"The PostgreSQL connection string (--postgres or {ConnectionVariable}) is not a valid Npgsql connection string.");
            }
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Settings.Usage);
            return 2;
        }

        PostgreSqlServer postgres;
        try
        {
            postgres = PostgreSqlServer.Connect(server);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            Console.Error.WriteLine($"Could not connect to the PostgreSQL server of --postgres or {ConnectionVariable} ({server.Host}:{server.Port}): {e.Message}");
            return 2;
        }

        Console.WriteLine($"# Collector storage comparison, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss} UTC");
        Console.WriteLine($"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} logical cores, " +
            $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, load average {Throughput.LoadAverage()}");
        Console.WriteLine($"Senders {string.Join(", ", settings.Senders)}; modes: {string.Join(", ", settings.Modes.Select(Throughput.Describe))}; " +
            $"SQLite, PostgreSQL x1 and PostgreSQL x{settings.Instances}; per configuration {settings.Warmup:N0} warm-up submissions, then {settings.Rounds} interleaved round(s) of {settings.Count:N0}.");
        string root = Path.Combine(settings.DataRoot ?? Path.GetTempPath(), "piiguard-collector-bench-" + Guid.NewGuid().ToString("N"));
        Console.WriteLine($"Data folder {root}; fsync of a 1 KiB write there: {Throughput.FsyncLatency(root)}; {Throughput.SqliteDescription(root)}.");
        Console.WriteLine(postgres.Describe());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Npgsql {typeof(NpgsqlConnection).Assembly.GetName().Version}: each collector instance has its own pool of at most {server.MaxPoolSize} connections (Max Pool Size)."));
        Console.WriteLine();

        var configurations = new List<HttpConfiguration>();
        var serverCpu = new Dictionary<HttpConfiguration, TimeSpan>();
        var machineCpu = new Dictionary<HttpConfiguration, TimeSpan>();
        var connections = new Dictionary<HttpConfiguration, long>();
        var databases = new List<string>();
        var commits = new Dictionary<HttpConfiguration, (long Commits, long Rollbacks)>();
        try
        {
            foreach (Mode mode in settings.Modes)
            {
                foreach (int senders in settings.Senders)
                {
                    string prefix = (mode == Mode.KeepAlive ? "keep-alive" : "new") + "-" + senders.ToString(CultureInfo.InvariantCulture);
                    var backends = new List<CollectorBackend> { CollectorBackend.Sqlite };
                    foreach (int instances in new[] { 1, settings.Instances })
                    {
                        string database = postgres.CreateDatabase();
                        databases.Add(database);
                        var connectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database };
                        backends.Add(new CollectorBackend(
                            string.Create(CultureInfo.InvariantCulture, $"PostgreSQL x{instances}"), connectionString.ConnectionString, instances));
                    }

                    foreach (CollectorBackend backend in backends)
                    {
                        string folder = Path.Combine(root, prefix + "-" + (backend.PostgreSql is null ? "sqlite" : "postgres-x" + backend.Instances.ToString(CultureInfo.InvariantCulture)));
                        var configuration = new HttpConfiguration(folder, senders, mode == Mode.NewConnection, backend);
                        configurations.Add(configuration);
                        serverCpu[configuration] = TimeSpan.Zero;
                        machineCpu[configuration] = TimeSpan.Zero;
                        await configuration.StartAsync();
                        await configuration.RunRoundAsync(settings.Warmup, measured: false);
                    }
                }
            }

            await Configuration.RunInterleavedAsync(configurations, settings.Rounds, settings.Count, async (configuration, run) =>
            {
                TimeSpan before = postgres.ServerCpu();
                TimeSpan machineBefore = MachineCpu();
                double rate = await run();
                machineCpu[configuration] += MachineCpu() - machineBefore;
                serverCpu[configuration] += postgres.ServerCpu() - before;
                return rate;
            });

            foreach (HttpConfiguration configuration in configurations)
            {
                connections[configuration] = configuration.Backend.PostgreSql is { } connectionString ? postgres.Connections(connectionString) : 0;
            }
        }
        finally
        {
            foreach (HttpConfiguration configuration in configurations)
            {
                await configuration.DisposeAsync();
            }

            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
        }

        try
        {
            // Counted by connections of our own, after every collector stopped; then each database's commits (its
            // backends report them when they exit), and the databases are dropped.
            foreach (HttpConfiguration configuration in configurations)
            {
                configuration.CountRows();
                if (configuration.Backend.PostgreSql is { } connectionString)
                {
                    commits[configuration] = postgres.Commits(connectionString);
                }
            }
        }
        finally
        {
            foreach (string database in databases)
            {
                postgres.DropDatabase(database);
            }

            postgres.Dispose();
        }

        Directory.Delete(root, recursive: true);
        Console.WriteLine();
        Console.WriteLine($"Load average at the end: {Throughput.LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| Storage | Mode | Senders | Accepted/s, median of rounds | Rounds (min–max) | p50 (ms) | p95 (ms) | p99 (ms) | Max (ms) | Server p50 / p99 (ms) " +
            "| CPU per submission, harness process / PostgreSQL (ms) | Cores busy: harness + PostgreSQL + other processes | PostgreSQL connections | Commits per submission | Checked |");
        Console.WriteLine("| --- | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (HttpConfiguration configuration in configurations)
        {
            double[] rounds = [.. configuration.Rounds.Order()];
            double seconds = configuration.Elapsed.TotalSeconds;
            TimeSpan database = serverCpu[configuration];
            bool onPostgres = configuration.Backend.PostgreSql is not null;
            string commitText = commits.TryGetValue(configuration, out (long Commits, long Rollbacks) c)
                ? string.Create(CultureInfo.InvariantCulture, $"{(double)c.Commits / configuration.Sent:F2}")
                : "–";
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {configuration.Backend.Label} | {Throughput.Describe(configuration.Mode)} | {configuration.Senders} | {rounds[rounds.Length / 2]:N0} | {rounds[0]:N0}–{rounds[^1]:N0} | " +
                $"{configuration.Latency(0.50):F2} | {configuration.Latency(0.95):F2} | {configuration.Latency(0.99):F2} | {configuration.Latency(1.0):F2} | " +
                $"{configuration.ServerLatency(0.50):F2} / {configuration.ServerLatency(0.99):F2} | " +
                $"{configuration.Cpu.TotalMilliseconds / configuration.Measured:F2} / {database.TotalMilliseconds / configuration.Measured:F2} | " +
                $"{configuration.Cpu.TotalSeconds / seconds:F2} + {database.TotalSeconds / seconds:F2} + {(machineCpu[configuration] - configuration.Cpu - database).TotalSeconds / seconds:F2} " +
                $"= {machineCpu[configuration].TotalSeconds / seconds:F2} of {Environment.ProcessorCount} | " +
                $"{(onPostgres ? connections[configuration].ToString(CultureInfo.InvariantCulture) : "–")} | {commitText} | {configuration.CheckedText} |"));
        }

        // Two instances against one, round by round: the same round ran both within seconds of each other.
        Console.WriteLine();
        for (int i = 0; i + 2 < configurations.Count; i += 3)
        {
            HttpConfiguration one = configurations[i + 1];
            HttpConfiguration many = configurations[i + 2];
            double[] ratios = [.. many.Rounds.Zip(one.Rounds, (a, b) => a / b).Order()];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{Throughput.Describe(one.Mode)}, {one.Senders} sender(s): PostgreSQL x{many.Backend.Instances} / x1, same round: median {ratios[ratios.Length / 2]:F2} (range {ratios[0]:F2}–{ratios[^1]:F2}); " +
                $"SQLite / PostgreSQL x1, medians: {Median(configurations[i].Rounds) / Median(one.Rounds):F2}"));
        }

        bool allGood = configurations.All(configuration => configuration.IsGood);
        Console.WriteLine();
        Console.WriteLine(allGood
            ? "Every HTTP response was 201 \"accepted\", and every database holds exactly one row per submission sent."
            : "FAILED: see the failures above.");
        return allGood ? 0 : 1;
    }

    /// <summary>The CPU time every process of the machine spent so far (all cores' busy time in /proc/stat), or zero elsewhere.</summary>
    private static TimeSpan MachineCpu()
    {
        try
        {
            // "cpu  user nice system idle iowait irq softirq steal guest guest_nice", in USER_HZ (1/100 s); busy is
            // everything but idle and iowait (guest time is already in user).
            string[] fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long[] ticks = [.. fields.Skip(1).Take(8).Select(field => long.Parse(field, CultureInfo.InvariantCulture))];
            return TimeSpan.FromSeconds((ticks.Sum() - ticks[3] - ticks[4]) / 100.0);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }

    private static double Median(IReadOnlyList<double> values)
    {
        double[] sorted = [.. values.Order()];
        return sorted[sorted.Length / 2];
    }

    /// <summary>
    /// The PostgreSQL server the run uses: its settings, fresh databases, and the CPU time of its processes (the
    /// postmaster, found as the parent of this connection's backend, and its children, read from /proc; only when
    /// the server runs on this machine).
    /// </summary>
    private sealed class PostgreSqlServer : IDisposable
    {
        // USER_HZ: the unit of /proc/[pid]/stat's times, 100 on Linux.
        private const double TicksPerSecond = 100;

        private readonly NpgsqlConnection _admin;
        private readonly int? _postmaster;

        private PostgreSqlServer(NpgsqlConnection admin, int? postmaster)
        {
            _admin = admin;
            _postmaster = postmaster;
        }

        public static PostgreSqlServer Connect(NpgsqlConnectionStringBuilder server)
        {
            var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Pooling = false }.ConnectionString);
            try
            {
                admin.Open();
                int backend = Convert.ToInt32(Scalar(admin, "SELECT pg_backend_pid();"), CultureInfo.InvariantCulture);
                int? postmaster = Stat(backend) is { } stat ? stat.Parent : null;
                return new PostgreSqlServer(admin, postmaster);
            }
            catch
            {
                admin.Dispose();
                throw;
            }
        }

        public string Describe()
        {
            string Show(string name) => (string)Scalar(_admin, "SHOW " + name + ";")!;
            string cpu = _postmaster is { } pid ? $"its CPU time is read from /proc (postmaster {pid} and its children)" : "its processes are not on this machine: no CPU time for it";
            return $"PostgreSQL {Show("server_version")}: fsync={Show("fsync")}, synchronous_commit={Show("synchronous_commit")}, wal_sync_method={Show("wal_sync_method")}, " +
                $"commit_delay={Show("commit_delay")}, shared_buffers={Show("shared_buffers")}, max_connections={Show("max_connections")}; {cpu}.";
        }

        public string CreateDatabase()
        {
            string name = "piiguard_bench_" + Guid.NewGuid().ToString("N");
            Scalar(_admin, $"CREATE DATABASE {name};");
            return name;
        }

        public void DropDatabase(string name) => Scalar(_admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE);");

        /// <summary>The connections open to the database of <paramref name="connectionString"/>.</summary>
        public long Connections(string connectionString) =>
            (long)Scalar(_admin, "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = @name;", ("@name", Database(connectionString)))!;

        /// <summary>The commits and rollbacks of the database, once its backends have exited and reported them.</summary>
        public (long Commits, long Rollbacks) Commits(string connectionString)
        {
            string name = Database(connectionString);

            // A backend reports its counts when it exits, shortly after its client closed the connection: wait for
            // the database's backends to be gone (at most 10 s), then read.
            for (int i = 0; i < 100 && (long)Scalar(_admin, "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = @name;", ("@name", name))! > 0; i++)
            {
                System.Threading.Thread.Sleep(100);
            }

            Scalar(_admin, "SELECT pg_stat_clear_snapshot();");
            using var command = new NpgsqlCommand("SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = @name;", _admin);
            command.Parameters.AddWithValue("@name", name);
            using NpgsqlDataReader reader = command.ExecuteReader();
            reader.Read();
            return (reader.GetInt64(0), reader.GetInt64(1));
        }

        /// <summary>The CPU time (user + sys) of the server's processes so far, those that exited included.</summary>
        public TimeSpan ServerCpu()
        {
            if (_postmaster is not { } postmaster)
            {
                return TimeSpan.Zero;
            }

            long ticks = 0;
            foreach (string folder in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
                {
                    continue;
                }

                if (Stat(pid) is { } stat && (pid == postmaster || stat.Parent == postmaster))
                {
                    // The postmaster's own time, and that of its children that exited (which it waited for).
                    ticks += stat.Ticks + (pid == postmaster ? stat.ChildTicks : 0);
                }
            }

            return TimeSpan.FromSeconds(ticks / TicksPerSecond);
        }

        public void Dispose() => _admin.Dispose();

        private static string Database(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).Database!;

        // /proc/[pid]/stat: "pid (comm) state ppid ... utime stime cutime cstime ...", comm may hold spaces.
        private static (int Parent, long Ticks, long ChildTicks)? Stat(int pid)
        {
            string text;
            try
            {
                text = File.ReadAllText($"/proc/{pid}/stat");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }

            string[] fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            long Field(int index) => long.Parse(fields[index], CultureInfo.InvariantCulture);
            return ((int)Field(1), Field(11) + Field(12), Field(13) + Field(14));
        }

        private static object? Scalar(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
        {
            using var command = new NpgsqlCommand(sql, connection);
            foreach ((string name, object value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            return command.ExecuteScalar();
        }
    }

    private sealed class Settings : RunSettings
    {
        public const string Usage = """
            Usage: storage [--postgres CONNECTION-STRING] [--quick] [--senders 4,16,64] [--instances 2] [--count N]
                           [--rounds N] [--warmup N] [--modes keep-alive,new] [--data-dir FOLDER]
              --postgres   the PostgreSQL server (a database on it to connect to, and a user that may create databases);
                           default: the environment variable PIIGUARD_TEST_POSTGRES, which
                           `eval "$(PIIGUARD_POSTGRES_FSYNC=on tools/postgres.sh start)"` sets
              --quick      a smoke run: 1 round of 400 submissions after 100 warm-up ones per configuration
              --senders    concurrent senders, each with its own HttpClient (default 4,16,64)
              --instances  collector instances on one PostgreSQL database in the third configuration (default 2)
              --count      submissions per measured round (default 2000)
              --rounds     measured rounds per configuration, interleaved (default 5)
              --warmup     warm-up submissions per configuration, not measured (default 500)
              --modes      keep-alive: one kept-alive connection per sender and instance; new: a new TLS connection
                           per submission (default: keep-alive)
              --data-dir   where the temporary SQLite databases go (default: the system's temporary folder)
            """;

        private static readonly Dictionary<string, Mode> Names = new()
        {
            ["keep-alive"] = Mode.KeepAlive,
            ["new"] = Mode.NewConnection,
        };

        public Settings()
            : base(senders: [4, 16, 64], count: 2000, modes: [Mode.KeepAlive])
        {
        }

        public string? PostgreSql { get; private set; }

        public int Instances { get; private set; } = 2;

        protected override IReadOnlyDictionary<string, Mode> ModeNames => Names;

        protected override bool TryParse(string option, Func<string> value)
        {
            switch (option)
            {
                case "--postgres":
                    PostgreSql = value();
                    return true;
                case "--instances":
                    Instances = Positive(value());
                    if (Instances < 2)
                    {
                        throw new ArgumentException("--instances must be at least 2 (the second configuration is PostgreSQL with one).");
                    }

                    return true;
                default:
                    return false;
            }
        }
    }
}
