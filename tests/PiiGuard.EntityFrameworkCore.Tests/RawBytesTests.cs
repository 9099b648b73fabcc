using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.EntityFrameworkCore;
using PiiGuard.Collector.Tests;
using PiiGuard.EntityFrameworkCore.Tests.App;
using PiiGuard.EntityFrameworkCore.Tests.Infrastructure;
using PiiGuard.Tests.Shared;

namespace PiiGuard.EntityFrameworkCore.Tests;

/// <summary>
/// After the hard delete, the SQLite database file and its write-ahead log hold none of Alice's e-mail, name, username
/// or IP address, in UTF-8 or UTF-16 (secure_delete zeroes what was deleted or overwritten, the checkpoint empties the
/// log of older page images), while Bob's are still there.
/// </summary>
public sealed class RawBytesTests() : RightsTests(TestStorage.Sqlite)
{
    [Fact]
    public async Task After_the_hard_delete_the_database_file_and_its_log_hold_none_of_the_subjects_bytes()
    {
        // The bytes are there before: the search finds what it looks for.
        Assert.All(Alice.Identifying, value => Assert.True(Found(value), $"'{value}' should be in the database before the erasure."));

        await using (RightsTestContext context = Database.NewContext())
        {
            await context.RequestErasureAsync(Alice.Id);
        }

        Database.Clock.Advance(TimeSpan.FromDays(31));
        await using (RightsTestContext context = Database.NewContext())
        {
            Assert.Equal(1, (await context.RunPersonalDataMaintenanceAsync()).SubjectsErased);
        }

        // The pooled connections stay open (the log is not removed by a last close): the files are read as they are.
        List<string> left = Alice.Identifying.Where(Found).ToList();
        Assert.True(left.Count == 0, $"Still in the database files after the erasure: {string.Join(", ", left)}.");
        Assert.All(Bob.Identifying, value => Assert.True(Found(value), $"Bob's '{value}' should still be in the database."));
        await AssertBobUntouchedAsync();
    }

    private bool Found(string value) => SqliteFileBytes.Holds(Database.SqlitePath, value);
}
