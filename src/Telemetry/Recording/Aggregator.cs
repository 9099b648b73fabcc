using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;

namespace PiiGuard.Telemetry.Recording;

/// <summary>
/// Statistics recorded since the last flush, in memory, per UTC day: recording is an <see cref="Interlocked"/>
/// operation on a cell found by a packed key, which allocates nothing once the cell exists. Nothing here holds a
/// point in time finer than the day.
/// </summary>
/// <remarks>
/// A flush takes each cell's value with an atomic exchange, so a count recorded on another thread while the flush
/// runs is either in this flush or stays for the next; when the flush cannot reach the store, it gives the values
/// back. Buckets of earlier days stay until a flush has found them empty twice, so that a thread that read the old
/// bucket just before midnight still lands its count.
/// </remarks>
internal sealed class Aggregator
{
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly List<Bucket> _retired = [];
    private Bucket _current;
    private long _currentEndsAt;

    public Aggregator(TimeProvider time)
    {
        _time = time;
        _current = NewBucket(out _currentEndsAt);
    }

    /// <summary>One value that a flush takes out of memory.</summary>
    /// <param name="Day">The UTC day it belongs to.</param>
    /// <param name="Kind">Its kind.</param>
    /// <param name="Key">Its packed key (see <see cref="Pack"/>).</param>
    /// <param name="Value">The count to add, or the gauge's or flag's latest value.</param>
    public readonly record struct Delta(DateOnly Day, StatisticKind Kind, long Key, long Value);

    /// <summary>Packs a statistic's identity: kind, enum type and member, and for errors the component's type and member.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Pack(StatisticKind kind, int typeId, int index, int componentTypeId = 0, int componentIndex = 0) =>
        ((long)kind << 60) | ((long)(typeId & 0x3FFF) << 46) | ((long)(index & 0xFFFF) << 30) |
        ((long)(componentTypeId & 0x3FFF) << 16) | (long)(componentIndex & 0xFFFF);

    /// <summary>Unpacks what <see cref="Pack"/> packed.</summary>
    public static (int TypeId, int Index, int ComponentTypeId, int ComponentIndex) Unpack(long key) =>
        ((int)((key >> 46) & 0x3FFF), (int)((key >> 30) & 0xFFFF), (int)((key >> 16) & 0x3FFF), (int)(key & 0xFFFF));

    /// <summary>Adds <paramref name="amount"/> to a counter or an error count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(long key, long amount) => Interlocked.Add(ref CellFor(key).Value, amount);

    /// <summary>Sets a gauge or a flag.</summary>
    public void Set(long key, long value)
    {
        Cell cell = CellFor(key);
        Volatile.Write(ref cell.Value, value);
        Volatile.Write(ref cell.Dirty, 1);
    }

    /// <summary>Forgets everything not flushed yet: what opting out does to what was recorded in memory.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _retired.Clear();
            _current = NewBucket(out _currentEndsAt);
        }
    }

    /// <summary>Takes every recorded value out of memory; give them back with <see cref="Restore"/> if they cannot be stored.</summary>
    public List<Delta> Take()
    {
        var deltas = new List<Delta>();
        lock (_gate)
        {
            CurrentBucket();
            for (int i = _retired.Count - 1; i >= 0; i--)
            {
                Bucket bucket = _retired[i];
                if (!TakeFrom(bucket, deltas) && ++bucket.EmptyFlushes >= 2)
                {
                    _retired.RemoveAt(i);
                }
            }

            TakeFrom(_current, deltas);
        }

        return deltas;
    }

    /// <summary>Gives back values that <see cref="Take"/> took, when storing them failed: nothing recorded is lost.</summary>
    public void Restore(List<Delta> deltas)
    {
        lock (_gate)
        {
            foreach (Delta delta in deltas)
            {
                Bucket bucket = FindOrAddBucket(delta.Day);
                Cell cell = bucket.Cells.GetOrAdd(delta.Key, static _ => new Cell());
                if (delta.Kind is StatisticKind.Counter or StatisticKind.Error)
                {
                    Interlocked.Add(ref cell.Value, delta.Value);
                }
                else if (Interlocked.CompareExchange(ref cell.Dirty, 1, 0) == 0)
                {
                    // A value set since the flush is newer than the one given back: keep it.
                    Volatile.Write(ref cell.Value, delta.Value);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Cell CellFor(long key)
    {
        Bucket bucket = _time.GetTimestamp() < Volatile.Read(ref _currentEndsAt) ? Volatile.Read(ref _current) : CurrentBucket();
        return bucket.Cells.TryGetValue(key, out Cell? cell) ? cell : bucket.Cells.GetOrAdd(key, static _ => new Cell());
    }

    private Bucket CurrentBucket()
    {
        lock (_gate)
        {
            if (_time.GetTimestamp() >= _currentEndsAt)
            {
                Bucket next = NewBucket(out long endsAt);
                if (next.Day != _current.Day)
                {
                    _retired.Add(_current);
                    Volatile.Write(ref _current, next);
                }

                Volatile.Write(ref _currentEndsAt, endsAt);
            }

            return _current;
        }
    }

    private Bucket NewBucket(out long endsAt)
    {
        long timestamp = _time.GetTimestamp();
        DateTimeOffset now = _time.GetUtcNow();
        DateTimeOffset dayStart = TelemetryPeriods.StartOf(now, Period.Day);
        TimeSpan untilMidnight = dayStart.AddDays(1) - now;
        endsAt = timestamp + (long)(untilMidnight.TotalSeconds * _time.TimestampFrequency);
        return new Bucket(DateOnly.FromDateTime(dayStart.UtcDateTime));
    }

    private Bucket FindOrAddBucket(DateOnly day)
    {
        if (_current.Day == day)
        {
            return _current;
        }

        foreach (Bucket bucket in _retired)
        {
            if (bucket.Day == day)
            {
                return bucket;
            }
        }

        var added = new Bucket(day);
        _retired.Add(added);
        return added;
    }

    private static bool TakeFrom(Bucket bucket, List<Delta> deltas)
    {
        bool any = false;
        foreach (KeyValuePair<long, Cell> pair in bucket.Cells)
        {
            var kind = (StatisticKind)(pair.Key >> 60);
            Cell cell = pair.Value;
            if (kind is StatisticKind.Counter or StatisticKind.Error)
            {
                long value = Interlocked.Exchange(ref cell.Value, 0);
                if (value != 0)
                {
                    deltas.Add(new Delta(bucket.Day, kind, pair.Key, value));
                    any = true;
                }
            }
            else if (Interlocked.Exchange(ref cell.Dirty, 0) == 1)
            {
                deltas.Add(new Delta(bucket.Day, kind, pair.Key, Volatile.Read(ref cell.Value)));
                any = true;
            }
        }

        return any;
    }

    private sealed class Bucket(DateOnly day)
    {
        public DateOnly Day { get; } = day;

        public ConcurrentDictionary<long, Cell> Cells { get; } = new();

        public int EmptyFlushes { get; set; }
    }

    private sealed class Cell
    {
        public long Value;
        public int Dirty;
    }
}
