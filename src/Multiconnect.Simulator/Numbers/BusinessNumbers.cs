using System.Collections.Concurrent;

namespace Multiconnect.Simulator.Numbers;

/// <summary>Every business number the simulator has seen, by its WhatsApp id (cc followed by the national number).</summary>
public sealed class BusinessNumbers
{
    private readonly ConcurrentDictionary<string, BusinessNumber> _numbers = new(StringComparer.Ordinal);

    public ICollection<BusinessNumber> All => _numbers.Values;

    public BusinessNumber GetOrAdd(string cc, string phone) =>
        _numbers.TryGetValue(cc + phone, out var known)
            ? known
            : _numbers.GetOrAdd(cc + phone, static (_, parts) => new BusinessNumber(parts.cc, parts.phone), (cc, phone));

    public BusinessNumber? Find(string number) => _numbers.GetValueOrDefault(number);
}
