using TomKing.Algorithm.Portfolio;
using TomKing.Algorithm.Risk;

namespace TomKing.Algorithm.Tests.Portfolio;

public sealed class ExecutionIdSetTests
{
    [Test]
    public void Add_AgainstAReferenceWindow_SameAnswersForAHundredThousandIds()
    {
        const int window = 64;
        var set = new ExecutionIdSet(window);
        var reference = new HashSet<string>(StringComparer.Ordinal);
        var order = new Queue<string>();
        var random = new Random(7);
        for (int n = 0; n < 100_000; n++)
        {
            // ids repeat often (drawn from 200) so duplicates, evictions and probe chains all occur
            string id = "ex-" + random.Next(200);
            bool expected = reference.Add(id);
            if (expected)
            {
                order.Enqueue(id);
                if (order.Count > window)
                {
                    reference.Remove(order.Dequeue());
                }
            }

            Assert.That(set.Add(id), Is.EqualTo(expected), $"id {id} at step {n}");
        }
    }

    [Test]
    public void Add_WindowOfOne_RemembersOnlyTheLast()
    {
        var set = new ExecutionIdSet(1);
        Assert.Multiple(() =>
        {
            Assert.That(set.Add("a"), Is.True);
            Assert.That(set.Add("a"), Is.False);
            Assert.That(set.Add("b"), Is.True);
            Assert.That(set.Add("a"), Is.True, "forgotten");
            Assert.That(set.Add("a"), Is.False);
        });
    }

    [Test]
    public void Cents_RandomAmounts_EqualsDecimalRoundingInValue()
    {
        var random = new Random(11);
        for (int n = 0; n < 100_000; n++)
        {
            double usd = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(0, 9));
            decimal expected = Math.Round((decimal)usd, 2);
            decimal actual = MoneyMath.Cents(usd);
            Assert.That(actual, Is.EqualTo(expected), $"{usd:R}");
        }

        Assert.That(MoneyMath.Cents(2850.0), Is.EqualTo(2850m));
        Assert.That(MoneyMath.Cents(double.NaN), Is.EqualTo(0m));
        Assert.That(MoneyMath.Cents(-0.004), Is.EqualTo(0m));
    }
}
