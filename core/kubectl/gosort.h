// kubesim — gosort.h — Go's sort.Sort / sort.Slice order (pattern-defeating quicksort, Go 1.22+)
//
// kubectl sorts with sort.Sort: `kubectl events`, describe's event lists, `get --sort-by`. It is
// not stable: on more than 12 items, elements that compare equal (events of the same second, pods
// with the same creationTimestamp) end up in an order that only the algorithm itself decides. To
// print the rows a real kubectl prints, kubesim runs the same algorithm: the same pivots, the same
// partitioning, the same pattern breaking with its xorshift generator seeded by the length, the
// same calls to less() with the same indices (a comparator that is not a strict weak order, as
// kubectl's "a missing value sorts first" rule is not, then gives the same answer too).
//
// go_sort(n, less, swap): less(i, j) and swap(i, j) take indices in [0, n), like sort.Interface.
#pragma once
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>
#include <vector>

namespace kubesim::kubectl {

namespace gosort_detail {

enum class Hint { Unknown, Increasing, Decreasing };

// bits.Len: the number of bits needed to represent x (0 for 0).
inline int bit_length(uint64_t x) {
  int n = 0;
  while (x != 0) {
    ++n;
    x >>= 1;
  }
  return n;
}

template <class Less, class Swap>
class PdqSorter {
 public:
  PdqSorter(Less& less, Swap& swap) : less_(less), swap_(swap) {}

  void sort(long n) {
    if (n <= 1) return;
    pdqsort(0, n, bit_length(static_cast<uint64_t>(n)));
  }

 private:
  bool less(long i, long j) { return less_(static_cast<size_t>(i), static_cast<size_t>(j)); }
  void swap(long i, long j) { swap_(static_cast<size_t>(i), static_cast<size_t>(j)); }

  void insertion_sort(long a, long b) {
    for (long i = a + 1; i < b; ++i)
      for (long j = i; j > a && less(j, j - 1); --j) swap(j, j - 1);
  }

  // The heap property on [lo, hi) of the heap rooted at `first`.
  void sift_down(long lo, long hi, long first) {
    long root = lo;
    for (;;) {
      long child = 2 * root + 1;
      if (child >= hi) return;
      if (child + 1 < hi && less(first + child, first + child + 1)) ++child;
      if (!less(first + root, first + child)) return;
      swap(first + root, first + child);
      root = child;
    }
  }

  void heap_sort(long a, long b) {
    const long first = a, hi = b - a;
    for (long i = (hi - 1) / 2; i >= 0; --i) sift_down(i, hi, first);
    for (long i = hi - 1; i >= 0; --i) {
      swap(first, first + i);
      sift_down(0, i, first);
    }
  }

  void pdqsort(long a, long b, int limit) {
    constexpr long kMaxInsertion = 12;
    bool was_balanced = true, was_partitioned = true;
    for (;;) {
      const long length = b - a;
      if (length <= kMaxInsertion) {
        insertion_sort(a, b);
        return;
      }
      if (limit == 0) {  // too many bad pivots
        heap_sort(a, b);
        return;
      }
      if (!was_balanced) {
        break_patterns(a, b);
        --limit;
      }
      Hint hint;
      long pivot = choose_pivot(a, b, hint);
      if (hint == Hint::Decreasing) {
        reverse_range(a, b);
        pivot = (b - 1) - (pivot - a);  // the same element, counted from the other end
        hint = Hint::Increasing;
      }
      if (was_balanced && was_partitioned && hint == Hint::Increasing && partial_insertion_sort(a, b)) return;
      // Many elements equal to the pivot (nothing before [a, b) is greater): take them out at once.
      if (a > 0 && !less(a - 1, pivot)) {
        a = partition_equal(a, b, pivot);
        continue;
      }
      bool already = false;
      const long mid = partition(a, b, pivot, already);
      was_partitioned = already;
      const long left = mid - a, right = b - mid, threshold = length / 8;
      if (left < right) {
        was_balanced = left >= threshold;
        pdqsort(a, mid, limit);
        a = mid + 1;
      } else {
        was_balanced = right >= threshold;
        pdqsort(mid + 1, b, limit);
        b = mid;
      }
    }
  }

  // One partition around data[pivot]: smaller elements before the returned index, the rest after.
  long partition(long a, long b, long pivot, bool& already_partitioned) {
    swap(a, pivot);
    long i = a + 1, j = b - 1;
    while (i <= j && less(i, a)) ++i;
    while (i <= j && !less(j, a)) --j;
    if (i > j) {
      swap(j, a);
      already_partitioned = true;
      return j;
    }
    swap(i, j);
    ++i;
    --j;
    for (;;) {
      while (i <= j && less(i, a)) ++i;
      while (i <= j && !less(j, a)) --j;
      if (i > j) break;
      swap(i, j);
      ++i;
      --j;
    }
    swap(j, a);
    already_partitioned = false;
    return j;
  }

  // Elements equal to data[pivot] first, then greater ones (there are no smaller ones in [a, b)).
  long partition_equal(long a, long b, long pivot) {
    swap(a, pivot);
    long i = a + 1, j = b - 1;
    for (;;) {
      while (i <= j && !less(a, i)) ++i;
      while (i <= j && less(a, j)) --j;
      if (i > j) break;
      swap(i, j);
      ++i;
      --j;
    }
    return i;
  }

  // Fixes up to five adjacent out-of-order pairs; true when [a, b) ends sorted. (As in Go, the
  // leftward shift runs down to index 1, not to a.)
  bool partial_insertion_sort(long a, long b) {
    constexpr int kMaxSteps = 5;
    constexpr long kShortestShifting = 50;
    long i = a + 1;
    for (int step = 0; step < kMaxSteps; ++step) {
      while (i < b && !less(i, i - 1)) ++i;
      if (i == b) return true;
      if (b - a < kShortestShifting) return false;
      swap(i, i - 1);
      if (i - a >= 2) {
        for (long j = i - 1; j >= 1; --j) {
          if (!less(j, j - 1)) break;
          swap(j, j - 1);
        }
      }
      if (b - i >= 2) {
        for (long j = i + 1; j < b; ++j) {
          if (!less(j, j - 1)) break;
          swap(j, j - 1);
        }
      }
    }
    return false;
  }

  // Swaps three elements around the middle with pseudo-random ones (xorshift seeded by the length).
  void break_patterns(long a, long b) {
    const long length = b - a;
    if (length < 8) return;
    uint64_t random = static_cast<uint64_t>(length);
    const uint64_t modulus = uint64_t{1} << bit_length(static_cast<uint64_t>(length));
    for (long idx = a + (length / 4) * 2 - 1; idx <= a + (length / 4) * 2 + 1; ++idx) {
      random ^= random << 13;
      random ^= random >> 7;
      random ^= random << 17;
      long other = static_cast<long>(random & (modulus - 1));
      if (other >= length) other -= length;
      swap(idx, a + other);
    }
  }

  // The pivot: fixed below 8 elements, median of three below 50, else Tukey's ninther; the hint
  // says whether the samples were all in order (no swaps) or all reversed (every comparison swapped).
  long choose_pivot(long a, long b, Hint& hint) {
    constexpr long kShortestNinther = 50;
    constexpr int kMaxSwaps = 4 * 3;
    const long l = b - a;
    int swaps = 0;
    long i = a + l / 4 * 1, j = a + l / 4 * 2, k = a + l / 4 * 3;
    if (l >= 8) {
      if (l >= kShortestNinther) {
        i = median_adjacent(i, swaps);
        j = median_adjacent(j, swaps);
        k = median_adjacent(k, swaps);
      }
      j = median(i, j, k, swaps);
    }
    hint = swaps == 0 ? Hint::Increasing : swaps == kMaxSwaps ? Hint::Decreasing : Hint::Unknown;
    return j;
  }

  void order2(long& x, long& y, int& swaps) {  // x, y such that data[x] <= data[y]
    if (less(y, x)) {
      ++swaps;
      std::swap(x, y);
    }
  }
  long median(long a, long b, long c, int& swaps) {
    order2(a, b, swaps);
    order2(b, c, swaps);
    order2(a, b, swaps);
    return b;
  }
  long median_adjacent(long a, int& swaps) { return median(a - 1, a, a + 1, swaps); }

  void reverse_range(long a, long b) {
    for (long i = a, j = b - 1; i < j; ++i, --j) swap(i, j);
  }

  Less& less_;
  Swap& swap_;
};

}  // namespace gosort_detail

template <class Less, class Swap>
void go_sort(size_t n, Less&& less, Swap&& swap) {
  gosort_detail::PdqSorter<std::remove_reference_t<Less>, std::remove_reference_t<Swap>> sorter(less, swap);
  sorter.sort(static_cast<long>(n));
}

// sort.Slice(v, less) on a vector: less compares elements.
template <class T, class Less>
void go_sort_slice(std::vector<T>& v, Less&& less) {
  go_sort(
      v.size(), [&](size_t i, size_t j) { return less(v[i], v[j]); },
      [&](size_t i, size_t j) { std::swap(v[i], v[j]); });
}

}  // namespace kubesim::kubectl
