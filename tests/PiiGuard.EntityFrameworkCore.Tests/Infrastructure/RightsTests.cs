using System.Threading.Tasks;
using PiiGuard.Collector.Tests;
using PiiGuard.EntityFrameworkCore.Tests.App;

namespace PiiGuard.EntityFrameworkCore.Tests.Infrastructure;

/// <summary>
/// A test class of the rights on one storage: each test gets a fresh database with Alice (the subject of the test) and
/// Bob (whose rows no right asked for Alice may touch), seeded at the clock's start. After every test, Bob's rows must
/// be exactly as they were seeded (<see cref="BobChangesOnPurpose"/> aside).
/// </summary>
public abstract class RightsTests(TestStorage storage) : IAsyncLifetime
{
    private RightsDatabase? _database;

    protected TestStorage Storage { get; } = storage;

    protected RightsDatabase Database => _database!;

    protected Person Alice { get; } = Person.Alice();

    protected Person Bob { get; } = Person.Bob();

    /// <summary>Bob's rows as they were seeded.</summary>
    protected string BobAtStart { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        _database = await RightsDatabase.CreateAsync(Storage);
        await using RightsTestContext context = Database.NewContext();
        await TestData.SeedAsync(context, Alice, Database.Clock.GetUtcNow());
        await TestData.SeedAsync(context, Bob, Database.Clock.GetUtcNow());
        BobAtStart = await TestData.SnapshotAsync(context, Bob.Id);
    }

    public async Task DisposeAsync()
    {
        if (_database is null)
        {
            return;
        }

        try
        {
            if (!BobChangesOnPurpose)
            {
                await AssertBobUntouchedAsync();
            }
        }
        finally
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>Set by a test whose right rightly changes Bob's rows too (retention applies to everyone).</summary>
    protected bool BobChangesOnPurpose { get; set; }

    /// <summary>Checks that Bob's rows are exactly as they were seeded.</summary>
    protected async Task AssertBobUntouchedAsync()
    {
        await using RightsTestContext context = Database.NewContext();
        Assert.Equal(BobAtStart, await TestData.SnapshotAsync(context, Bob.Id));
    }
}
