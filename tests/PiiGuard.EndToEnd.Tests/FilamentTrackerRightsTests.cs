using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using PiiGuard.EndToEnd.Tests.Infrastructure;
using PiiGuard.Tests.Shared;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;
using Rational = SixLabors.ImageSharp.Rational;

namespace PiiGuard.EndToEnd.Tests;

/// <summary>
/// samples/FilamentTracker's README walk-through, over HTTP against the built app on 127.0.0.1 with a database and key
/// folder of its own: two people sign up and add content; Ada exports her data, deletes her account, is refused at log
/// in, restores it and deletes it again; Grace stays. The app is restarted with its clock 31 days on (Ada is erased:
/// her rows are gone, her review and comment read "[deleted user]", the database file and its log hold none of her
/// bytes) and 91 days on (Grace's auth log rows older than 90 days are gone, newer ones stay). Each restart waits for
/// the maintenance's log line, which the hosted service writes when its run at start is done.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class FilamentTrackerRightsTests
{
    private const string DeletedUser = "[deleted user]";
    private const string MaintenanceLine = "Personal data maintenance of FilamentTracker.Data.TrackerDbContext";

    private static readonly DateTimeOffset Day0 = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Person Ada = new("ada.lovelace@example.com", "Ada Lovelace", "ada_lovelace", "analytical engine", "203.0.113.7");
    private static readonly Person Grace = new("grace.hopper@example.com", "Grace Hopper", "grace_hopper", "cobol forever", "198.51.100.23");

    [Fact]
    public async Task Every_right_over_HTTP_from_sign_up_to_erasure_and_retention()
    {
        DotnetResult build = Dotnet.Run(Repository.Root, "build", Repository.PathOf("samples/FilamentTracker/FilamentTracker.csproj"), "-nodeReuse:false", "-tl:off");
        Assert.True(build.Succeeded, "samples/FilamentTracker must build. " + build.Describe());
        string output = Repository.PathOf("samples/FilamentTracker/bin/Debug/net10.0");
        string assembly = Path.Combine(output, "FilamentTracker.dll");
        string[] typesOfUsers = TypesTiedToUsers(Path.Combine(output, "piiguard", "personal-data.json"));

        using var data = new TempDirectory("filament-tracker-rights");
        string database = data.Combine("filament-tracker.db");
        string adaToken = "bambu-rt-" + Guid.NewGuid().ToString("N");
        string graceToken = "bambu-rt-" + Guid.NewGuid().ToString("N");
        byte[] photoWithGps = JpegWithGpsPosition();
        Assert.Contains(ImageMetadataReader.ReadMetadata(new MemoryStream(photoWithGps)), d => d is GpsDirectory);

        // Day 0: two accounts and their content.
        string adaId, graceId, gracePrintId, photoId, graceDay0Token;
        HashSet<string> graceDay0Logs, graceDay31Logs;
        await using (WebAppProcess app = await StartAsync(assembly, data.Path, Day0))
        {
            Assert.Contains("nothing was due", await app.WaitForLineAsync(line => line.Contains(MaintenanceLine, StringComparison.Ordinal), "the maintenance's run at start"), StringComparison.Ordinal);
            var tracker = new Tracker(app);
            Assert.Equal("Healthy", await (await app.Http.GetAsync("/health")).Content.ReadAsStringAsync());

            adaId = (await tracker.JsonAsync(HttpStatusCode.Created, HttpMethod.Post, "/signup", body: Ada.SignUp)).GetProperty("id").GetString()!;
            graceId = (await tracker.JsonAsync(HttpStatusCode.Created, HttpMethod.Post, "/signup", body: Grace.SignUp)).GetProperty("id").GetString()!;
            await tracker.JsonAsync(HttpStatusCode.Conflict, HttpMethod.Post, "/signup", body: Ada.SignUp);
            await tracker.JsonAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/signup", body: new { email = "no-at-sign", name = "N", username = "n", password = "long enough" });
            await tracker.JsonAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/login", body: new { email = Grace.Email, password = "not her password" }, from: Grace.Address);
            string ada = await tracker.LogInAsync(Ada);
            string grace = graceDay0Token = await tracker.LogInAsync(Grace);

            // Grace: a spool, a public print and a review; Ada: the same, a comment on Grace's print, a Bambu account, a photo.
            gracePrintId = (await tracker.JsonAsync(HttpStatusCode.Created, HttpMethod.Post, "/me/prints", grace, new { title = "Benchy", gramsUsed = 12, isPublic = true })).GetProperty("id").GetString()!;
            await tracker.JsonAsync(HttpStatusCode.Created, HttpMethod.Post, "/me/reviews", grace, new { brand = "Polymaker", rating = 4, body = "Grace's honest review." });
            await tracker.JsonAsync(HttpStatusCode.Created, HttpMethod.Post, "/me/spools", ada, new { brand = "Prusament", material = "Petg", label = "Ada's galaxy black", storageZone = "Shelf 2", remainingGrams = 870 });
            await tracker.JsonAsync(HttpStatusCode.Created, HttpMethod.Post, "/me/prints", ada, new { title = "Ada's difference engine gear", gramsUsed = 31, isPublic = false });
            await tracker.JsonAsync(HttpStatusCode.Created, HttpMethod.Post, "/me/reviews", ada, new { brand = "Prusament", rating = 5, body = "Ada's review: prints like a dream." });
            await tracker.JsonAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/me/reviews", ada, new { brand = "Prusament", rating = 9, body = "out of range" });
            await tracker.JsonAsync(HttpStatusCode.Created, HttpMethod.Post, "/me/comments", ada, new { printId = gracePrintId, body = "Ada's comment: lovely hull lines!" });
            await tracker.JsonAsync(HttpStatusCode.OK, HttpMethod.Post, "/me/bambu", ada, new { refreshToken = adaToken });
            await tracker.JsonAsync(HttpStatusCode.OK, HttpMethod.Post, "/me/bambu", grace, new { refreshToken = graceToken });
            JsonElement photo = await tracker.JsonAsync(HttpStatusCode.Created, HttpMethod.Post, "/me/photos?kind=print", ada, content: new ByteArrayContent(photoWithGps));
            photoId = photo.GetProperty("id").GetString()!;
            await tracker.JsonAsync(HttpStatusCode.BadRequest, HttpMethod.Post, "/me/photos", ada, content: new ByteArrayContent(Encoding.UTF8.GetBytes("not a photo at all")));

            // The public listings name the authors.
            Assert.Equal(["ada_lovelace", "grace_hopper"], (await tracker.JsonAsync(HttpStatusCode.OK, HttpMethod.Get, "/reviews")).EnumerateArray().Select(r => r.GetProperty("author").GetString()).Order());
            Assert.Equal("ada_lovelace", (await tracker.JsonAsync(HttpStatusCode.OK, HttpMethod.Get, $"/prints/{gracePrintId}/comments"))[0].GetProperty("author").GetString());

            // The photo is stored without its GPS position or camera.
            using (HttpResponseMessage stored = await app.Http.GetAsync($"/photos/{photoId}"))
            {
                Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
                Assert.Equal("image/jpeg", stored.Content.Headers.ContentType?.MediaType);
                IReadOnlyList<MetadataExtractor.Directory> metadata = ImageMetadataReader.ReadMetadata(new MemoryStream(await stored.Content.ReadAsByteArrayAsync()));
                Assert.DoesNotContain(metadata, d => d is GpsDirectory or ExifIfd0Directory or ExifSubIfdDirectory);
            }

            // The Bambu refresh tokens are in the database, encrypted: not in plain text, in either encoding.
            Assert.True(DatabaseHolds(database, Ada.Email), "The search of the database files finds a value that is there.");
            Assert.False(DatabaseHolds(database, adaToken) || DatabaseHolds(database, graceToken), "A Bambu refresh token is in the database in plain text.");

            // Ada's export: a file for every type of the map tied to a user, the manifest and the page, nothing of Grace's.
            Dictionary<string, string> export = await tracker.ExportAsync(ada);
            Assert.Equal(typesOfUsers.Select(FileOf).Append("manifest.json").Append("personal-data.md").Order(StringComparer.Ordinal), export.Keys.Order(StringComparer.Ordinal));
            using (JsonDocument manifest = JsonDocument.Parse(export["manifest.json"]))
            {
                Assert.Equal("piiguard-personal-data-export", manifest.RootElement.GetProperty("format").GetString());
                Assert.Equal("FilamentTracker.Data.User", manifest.RootElement.GetProperty("subject").GetString());
                Dictionary<string, int> rows = manifest.RootElement.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("entity").GetString()!, f => f.GetProperty("rows").GetInt32());
                Assert.Equal(typesOfUsers.Order(StringComparer.Ordinal), rows.Keys.Order(StringComparer.Ordinal));
                Assert.Equal(1, rows["FilamentTracker.Data.User"]);
                Assert.Equal(1, rows["FilamentTracker.Data.Spool"]);
                Assert.Equal(1, rows["FilamentTracker.Data.Print"]);
                Assert.Equal(1, rows["FilamentTracker.Data.Review"]);
                Assert.Equal(1, rows["FilamentTracker.Data.Comment"]);
                Assert.Equal(1, rows["FilamentTracker.Data.Photo"]);
                Assert.Equal(1, rows["FilamentTracker.Data.BambuConnection"]);
                Assert.Equal(1, rows["FilamentTracker.Data.AuthLogEntry"]);
            }

            Assert.Equal(File.ReadAllText(Repository.PathOf("samples/FilamentTracker/PRIVACY.md")), export["personal-data.md"]);
            Assert.Contains(Ada.Email, export["User.json"], StringComparison.Ordinal);
            Assert.Contains(Ada.Address, export["AuthLogEntry.json"], StringComparison.Ordinal);
            // The login time is personal data (the privacy summary lists login timestamps): the export holds it.
            Assert.All(AuthLogTimes(export).Values, at => Assert.InRange(at, Day0, Day0.AddHours(1)));
            Assert.Contains("[credential, not exported]", export["BambuConnection.json"], StringComparison.Ordinal);
            string everything = string.Concat(export.Values);
            Assert.DoesNotContain(adaToken, everything, StringComparison.Ordinal);
            Assert.All(Grace.Identifying.Append(graceId).Append(graceToken), value => Assert.DoesNotContain(value, everything, StringComparison.Ordinal));

            // Grace's sign-ins of day 0 (a wrong password and a success), which retention deletes 90 days on.
            graceDay0Logs = AuthLogIds(await tracker.ExportAsync(grace));
            Assert.Equal(2, graceDay0Logs.Count);

            // Ada deletes her account: hidden at once, signed out, refused at log in with the date, and restored.
            JsonElement deletion = await tracker.JsonAsync(HttpStatusCode.Accepted, HttpMethod.Post, "/me/deletion", ada);
            DateTimeOffset due = deletion.GetProperty("deletionDueAt").GetDateTimeOffset();
            Assert.InRange(due, Day0.AddDays(30), Day0.AddDays(30).AddHours(1));
            Assert.Contains("signed out", (await tracker.JsonAsync(HttpStatusCode.Unauthorized, HttpMethod.Get, "/me", ada)).GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
            string refusal = (await tracker.JsonAsync(HttpStatusCode.Forbidden, HttpMethod.Post, "/login", body: Ada.LogIn, from: Ada.Address)).GetProperty("error").GetString()!;
            Assert.Contains($"will be erased on {due.UtcDateTime:yyyy-MM-dd HH:mm} UTC", refusal, StringComparison.Ordinal);
            Assert.Contains("POST /account/restore", refusal, StringComparison.Ordinal);
            await tracker.JsonAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/login", body: new { email = Ada.Email, password = "a wrong password" });
            await tracker.JsonAsync(HttpStatusCode.Conflict, HttpMethod.Post, "/signup", body: Ada.SignUp);
            Assert.Equal(["grace_hopper"], (await tracker.JsonAsync(HttpStatusCode.OK, HttpMethod.Get, "/reviews")).EnumerateArray().Select(r => r.GetProperty("author").GetString()));
            Assert.Equal(0, (await tracker.JsonAsync(HttpStatusCode.OK, HttpMethod.Get, $"/prints/{gracePrintId}/comments")).GetArrayLength());
            await tracker.JsonAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"/photos/{photoId}");

            await tracker.JsonAsync(HttpStatusCode.OK, HttpMethod.Post, "/account/restore", body: Ada.LogIn);
            await tracker.JsonAsync(HttpStatusCode.Conflict, HttpMethod.Post, "/account/restore", body: Ada.LogIn);
            Assert.Equal(2, (await tracker.JsonAsync(HttpStatusCode.OK, HttpMethod.Get, "/reviews")).GetArrayLength());
            ada = await tracker.LogInAsync(Ada);
            Assert.Equal(Ada.Email, (await tracker.JsonAsync(HttpStatusCode.OK, HttpMethod.Get, "/me", ada)).GetProperty("email").GetString());

            // ... and deletes it again, for good this time.
            await tracker.JsonAsync(HttpStatusCode.Accepted, HttpMethod.Post, "/me/deletion", ada);
            Assert.All(Ada.Identifying.Append(adaId.ToUpperInvariant()), value => Assert.True(DatabaseHolds(database, value), $"'{value}' should be in the database before the erasure."));
            Assert.Equal(0, await app.StopAsync());
        }

        // 31 days on: the maintenance at start erases Ada.
        await using (WebAppProcess app = await StartAsync(assembly, data.Path, Day0.AddDays(31)))
        {
            string run = await app.WaitForLineAsync(line => line.Contains(MaintenanceLine, StringComparison.Ordinal), "the maintenance's run at start");
            Assert.Contains(": 1 subjects erased;", run, StringComparison.Ordinal);
            Assert.Contains("rows past their retention deleted: none.", run, StringComparison.Ordinal);
            var tracker = new Tracker(app);

            JsonElement[] reviews = (await tracker.JsonAsync(HttpStatusCode.OK, HttpMethod.Get, "/reviews")).EnumerateArray().ToArray();
            Assert.Equal(2, reviews.Length);
            Assert.Contains(reviews, r => r.GetProperty("author").GetString() == DeletedUser && r.GetProperty("body").GetString() == DeletedUser);
            Assert.Contains(reviews, r => r.GetProperty("author").GetString() == Grace.Username && r.GetProperty("body").GetString() == "Grace's honest review.");
            JsonElement comment = Assert.Single((await tracker.JsonAsync(HttpStatusCode.OK, HttpMethod.Get, $"/prints/{gracePrintId}/comments")).EnumerateArray());
            Assert.Equal((DeletedUser, DeletedUser), (comment.GetProperty("author").GetString(), comment.GetProperty("body").GetString()));
            await tracker.JsonAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/login", body: Ada.LogIn);
            await tracker.JsonAsync(HttpStatusCode.Unauthorized, HttpMethod.Post, "/account/restore", body: Ada.LogIn);
            await tracker.JsonAsync(HttpStatusCode.NotFound, HttpMethod.Get, $"/photos/{photoId}");

            // The database file and its write-ahead log hold nothing of Ada's, in UTF-8 or UTF-16; Grace's are there.
            List<string> left = Ada.Identifying.Append(adaId).Append(adaId.ToUpperInvariant()).Where(value => DatabaseHolds(database, value)).ToList();
            Assert.True(left.Count == 0, $"Still in the database files after Ada's erasure: {string.Join(", ", left)}.");
            Assert.All(Grace.Identifying, value => Assert.True(DatabaseHolds(database, value), $"Grace's '{value}' should still be in the database."));

            // Grace's token of day 0 expired with its hour (on the app's clock); her password hash, a credential
            // encrypted with the key ring in the data folder, still reads after the restart: she logs in.
            await tracker.JsonAsync(HttpStatusCode.Unauthorized, HttpMethod.Get, "/me", graceDay0Token);
            string grace = await tracker.LogInAsync(Grace);
            graceDay31Logs = AuthLogIds(await tracker.ExportAsync(grace));
            Assert.Superset(graceDay0Logs, graceDay31Logs);
            graceDay31Logs.ExceptWith(graceDay0Logs);
            Assert.Single(graceDay31Logs);
            Assert.Equal(0, await app.StopAsync());
        }

        // 91 days on: Grace's sign-ins of day 0 are past their 90 days; the one of day 31 stays.
        await using (WebAppProcess app = await StartAsync(assembly, data.Path, Day0.AddDays(91)))
        {
            string run = await app.WaitForLineAsync(line => line.Contains(MaintenanceLine, StringComparison.Ordinal), "the maintenance's run at start");
            Assert.Contains(": 0 subjects erased;", run, StringComparison.Ordinal);
            Assert.Contains("rows past their retention deleted: FilamentTracker.Data.AuthLogEntry 2.", run, StringComparison.Ordinal);
            var tracker = new Tracker(app);
            string grace = await tracker.LogInAsync(Grace);
            Dictionary<string, string> export = await tracker.ExportAsync(grace);
            HashSet<string> logs = AuthLogIds(export);
            Assert.Equal(2, logs.Count); // the sign-in of day 31 and this one
            Assert.Empty(logs.Intersect(graceDay0Logs));
            Assert.Subset(logs, graceDay31Logs);
            // Each exported login time is that sign-in's: one on day 31, this one on day 91.
            Dictionary<string, DateTimeOffset> times = AuthLogTimes(export);
            Assert.InRange(times[graceDay31Logs.Single()], Day0.AddDays(31), Day0.AddDays(31).AddHours(1));
            Assert.InRange(times.Single(t => !graceDay31Logs.Contains(t.Key)).Value, Day0.AddDays(91), Day0.AddDays(91).AddHours(1));
            Assert.Equal(0, await app.StopAsync());
        }
    }

    private static Task<WebAppProcess> StartAsync(string assembly, string dataFolder, DateTimeOffset asOf) =>
        WebAppProcess.StartAsync(
            assembly,
            $"--DataFolder={dataFolder}",
            $"--Clock:AsOf={asOf:yyyy-MM-ddTHH:mm:ssZ}",
            // The maintenance logs "nothing was due" at Debug: every run then ends with a line to wait for.
            "--Logging:LogLevel:PiiGuard=Debug");

    /// <summary>The types of the sample's data map whose rows belong to a user (all of them, today).</summary>
    private static string[] TypesTiedToUsers(string dataMap)
    {
        using JsonDocument map = JsonDocument.Parse(File.ReadAllText(dataMap));
        string[] types = map.RootElement.GetProperty("types").EnumerateArray()
            .Where(t => t.GetProperty("subject").ValueKind == JsonValueKind.String && t.GetProperty("subject").GetString() == "FilamentTracker.Data.User")
            .Select(t => t.GetProperty("name").GetString()!)
            .ToArray();
        Assert.Equal(10, types.Length);
        return types;
    }

    private static string FileOf(string type) => type[(type.LastIndexOf('.') + 1)..] + ".json";

    /// <summary>The ids of the rows of the auth log's export.</summary>
    private static HashSet<string> AuthLogIds(Dictionary<string, string> export) => AuthLogTimes(export).Keys.ToHashSet();

    /// <summary>The login time of each row of the auth log's export, by the row's id.</summary>
    private static Dictionary<string, DateTimeOffset> AuthLogTimes(Dictionary<string, string> export)
    {
        using JsonDocument logs = JsonDocument.Parse(export["AuthLogEntry.json"]);
        return logs.RootElement.EnumerateArray().ToDictionary(row => row.GetProperty("Id").GetString()!, row => row.GetProperty("OccurredAt").GetDateTimeOffset());
    }

    /// <summary>Whether the SQLite database file or its write-ahead log holds <paramref name="value"/> in UTF-8 or UTF-16.</summary>
    private static bool DatabaseHolds(string database, string value) => SqliteFileBytes.Holds(database, value);

    /// <summary>A JPEG with a GPS position and the camera's make in its EXIF, as a phone writes it.</summary>
    private static byte[] JpegWithGpsPosition()
    {
        using var image = new Image<Rgb24>(64, 48, new Rgb24(230, 120, 30));
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.Make, "ExampleCam");
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, new[] { new Rational(52, 1), new Rational(31, 1), new Rational(1234, 100) });
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, new[] { new Rational(13, 1), new Rational(24, 1), new Rational(5678, 100) });
        image.Metadata.ExifProfile = exif;
        using var output = new MemoryStream();
        image.SaveAsJpeg(output);
        return output.ToArray();
    }

    private sealed record Person(string Email, string Name, string Username, string Password, string Address)
    {
        public object SignUp => new { email = Email, name = Name, username = Username, password = Password };

        public object LogIn => new { email = Email, password = Password };

        /// <summary>What the database must not hold after the erasure: e-mail, name, user name, IP address.</summary>
        public IEnumerable<string> Identifying => [Email, Name, Username, Address];
    }

    /// <summary>The sample's HTTP API, as the README's curl commands call it.</summary>
    private sealed class Tracker(WebAppProcess app)
    {
        /// <summary>Sends a request and checks its status; the body as JSON (an empty body as null).</summary>
        public async Task<JsonElement> JsonAsync(HttpStatusCode expected, HttpMethod method, string path, string? token = null, object? body = null, HttpContent? content = null, string? from = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = content ?? (body is null ? null : JsonContent.Create(body)) };
            if (token != null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            if (from != null)
            {
                // As a reverse proxy in front of the app tells the client's address.
                request.Headers.Add("X-Forwarded-For", from);
                request.Headers.UserAgent.ParseAdd("FilamentTrackerTests/1.0");
            }

            using HttpResponseMessage response = await app.Http.SendAsync(request);
            string text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {response.StatusCode}, expected {(int)expected}. Body: {text}{Environment.NewLine}App output:{Environment.NewLine}{app.Output}");
            using JsonDocument json = JsonDocument.Parse(text.Length == 0 ? "null" : text);
            return json.RootElement.Clone();
        }

        public async Task<string> LogInAsync(Person person) =>
            (await JsonAsync(HttpStatusCode.OK, HttpMethod.Post, "/login", body: person.LogIn, from: person.Address)).GetProperty("accessToken").GetString()!;

        /// <summary>GET /me/export: the ZIP's entries, by name, as text.</summary>
        public async Task<Dictionary<string, string>> ExportAsync(string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/me/export");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using HttpResponseMessage response = await app.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
            using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
            var entries = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (ZipArchiveEntry entry in zip.Entries)
            {
                using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
                entries.Add(entry.FullName, reader.ReadToEnd());
            }

            return entries;
        }
    }
}
