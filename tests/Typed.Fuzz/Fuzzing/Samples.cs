using System.Collections;
using System.Reflection;

namespace Typed.Fuzzing;

/// <summary>
/// A valid value of any message type, made by reflection (this is a test tool, not the runtime): the
/// fuzzer serializes one per message a target process declares, so every handler's decoder gets a
/// valid payload to start mutating from, including messages added later.
/// </summary>
internal static class Samples
{
    /// <summary>The text every string parameter gets: a valid node name nobody answers to.</summary>
    public const string Text = "nobody@127.0.0.1";

    public static object? Make(Type type, Pid self, int depth = 0)
    {
        if (depth > 8)
        {
            return type.IsValueType ? Activator.CreateInstance(type) : null;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Make(underlying, self, depth);
        }

        if (type == typeof(string))
        {
            return Text;
        }

        if (type == typeof(Pid))
        {
            return self;
        }

        if (type == typeof(MonitorRef))
        {
            return new MonitorRef(self.Node, 7);
        }

        if (type == typeof(ExitReason))
        {
            return ExitReason.Custom("fuzz");
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type.IsEnum)
        {
            var values = Enum.GetValues(type);
            return values.Length > 0 ? values.GetValue(values.Length - 1) : Activator.CreateInstance(type);
        }

        if (type.IsPrimitive || type == typeof(decimal))
        {
            return Convert.ChangeType(7, type, System.Globalization.CultureInfo.InvariantCulture);
        }

        if (type == typeof(Guid))
        {
            return new Guid(0x01234567, 0x89ab, 0xcdef, 1, 2, 3, 4, 5, 6, 7, 8);
        }

        if (type == typeof(TimeSpan))
        {
            return TimeSpan.FromSeconds(7);
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return type == typeof(DateTime) ? new DateTime(2026, 12, 2, 0, 0, 0, DateTimeKind.Utc) : new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);
        }

        if (type.IsArray)
        {
            var element = type.GetElementType()!;
            var array = Array.CreateInstance(element, 2);
            array.SetValue(Make(element, self, depth + 1), 0);
            array.SetValue(Make(element, self, depth + 1), 1);
            return array;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ProcessRef<>))
        {
            var constructor = type.GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic, [typeof(object), typeof(TimeSpan)]);
            return constructor?.Invoke([self, TimeSpan.Zero]) ?? Activator.CreateInstance(type);
        }

        if (type.IsGenericType && Collection(type) is { } collection)
        {
            return collection;
        }

        // Records and classes: the constructor with the most parameters, each given a sample.
        var best = type.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(c => !(c.GetParameters() is [var only] && only.ParameterType == type))   // not a record's copy constructor
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault();
        if (best is null)
        {
            return type.IsValueType ? Activator.CreateInstance(type) : null;
        }

        // A member of the record's own type ends the nesting (it must be nullable to be decodable at all);
        // everything else is filled, so no non-nullable member is left null.
        var arguments = best.GetParameters()
            .Select(p => Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType)
            .Select(t => t == type && depth >= 2 ? null : Make(t, self, depth + 1))
            .ToArray();
        return best.Invoke(arguments);

        object? Collection(Type t)
        {
            var definition = t.GetGenericTypeDefinition();
            var args = t.GetGenericArguments();
            if (args.Length == 1 && (definition == typeof(List<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IList<>)
                || definition == typeof(IEnumerable<>) || definition == typeof(ICollection<>) || definition == typeof(IReadOnlyCollection<>)))
            {
                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(args))!;
                list.Add(Make(args[0], self, depth + 1));
                list.Add(Make(args[0], self, depth + 1));
                return list;
            }

            if (args.Length == 1 && definition == typeof(HashSet<>))
            {
                var set = Activator.CreateInstance(t)!;
                t.GetMethod("Add")!.Invoke(set, [Make(args[0], self, depth + 1)]);
                return set;
            }

            if (args.Length == 2 && (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>)))
            {
                var map = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(args))!;
                map[Make(args[0], self, depth + 1)!] = Make(args[1], self, depth + 1);
                return map;
            }

            if (args.Length == 2 && definition == typeof(KeyValuePair<,>))
            {
                return Activator.CreateInstance(t, Make(args[0], self, depth + 1), Make(args[1], self, depth + 1));
            }

            return null;
        }
    }
}
