//! One sort for the whole crate. Every `slice::sort_by` call with its own comparator
//! compiles the standard library's sort again (3–4 KB of wasm each, paid by every reader):
//! these helpers sort a list of indices through one shared instantiation, with the
//! comparator behind `dyn`, then move the items into that order. Stable, like `sort_by`.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`; equal items keep their order (as `slice::sort_by`).
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_indices(&mut order, &mut |a, b| cmp(&v[a], &v[b]).then(a.cmp(&b)));
    permute(v, order);
}

/// Sorts `v` by a key; equal keys keep their order (as `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` in its natural order (as `slice::sort`).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The one instantiation of the standard sort: indices, by a comparator that must be a
/// total order with no ties between distinct indices (callers break ties by index).
#[inline(never)]
pub fn sort_indices(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    order.sort_unstable_by(|&a, &b| cmp(a, b));
}

/// The union of sorted runs, each without repeats: sorted, without repeats. Merged two runs at
/// a time, round after round (n log k), never sorted: the runs are already in order.
pub fn merge_union<T: Ord + Copy>(mut runs: Vec<Vec<T>>) -> Vec<T> {
    while runs.len() > 1 {
        let mut merged = Vec::with_capacity(runs.len().div_ceil(2));
        let mut pairs = runs.into_iter();
        while let Some(a) = pairs.next() {
            let Some(b) = pairs.next() else {
                merged.push(a);
                break;
            };
            let mut out = Vec::with_capacity(a.len() + b.len());
            let (mut i, mut j) = (0, 0);
            while i < a.len() && j < b.len() {
                match a[i].cmp(&b[j]) {
                    Ordering::Less => {
                        out.push(a[i]);
                        i += 1;
                    }
                    Ordering::Greater => {
                        out.push(b[j]);
                        j += 1;
                    }
                    Ordering::Equal => {
                        out.push(a[i]);
                        i += 1;
                        j += 1;
                    }
                }
            }
            out.extend_from_slice(&a[i..]);
            out.extend_from_slice(&b[j..]);
            merged.push(out);
        }
        runs = merged;
    }
    runs.pop().unwrap_or_default()
}

/// Reorders `v` so that `v[i]` is the old `v[order[i]]`, one cycle of swaps at a time.
fn permute<T>(v: &mut [T], mut order: Vec<usize>) {
    for start in 0..v.len() {
        let mut j = start;
        // Positions already placed point at themselves.
        while order[j] != j {
            let k = order[j];
            order[j] = j;
            if k == start {
                break;
            }
            v.swap(j, k);
            j = k;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_order_as_the_standard_stable_sort() {
        // Pseudo-random pairs with many equal keys: stability shows.
        let mut x = 12345u32;
        for n in [0usize, 1, 2, 3, 7, 20, 100, 1000] {
            let v: Vec<(u32, usize)> = (0..n)
                .map(|i| {
                    x = x.wrapping_mul(1103515245).wrapping_add(12345);
                    ((x >> 16) % 7, i)
                })
                .collect();
            let mut ours = v.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std_sorted = v.clone();
            std_sorted.sort_by(|a, b| a.0.cmp(&b.0));
            assert_eq!(ours, std_sorted, "n = {n}");
            let mut by_key = v.clone();
            sort_by_key(&mut by_key, |p| std::cmp::Reverse(p.0));
            std_sorted.sort_by_key(|p| std::cmp::Reverse(p.0));
            assert_eq!(by_key, std_sorted, "n = {n}");
            let mut natural = v.clone();
            sort(&mut natural);
            let mut want = v;
            want.sort();
            assert_eq!(natural, want);
        }
    }

    #[test]
    fn merge_union_orders_the_union() {
        let lists: Vec<Vec<usize>> = vec![vec![1, 7, 9], vec![], vec![0, 4], vec![2, 3, 8], vec![5]];
        assert_eq!(merge_union(lists), vec![0, 1, 2, 3, 4, 5, 7, 8, 9]);
        assert_eq!(merge_union::<usize>(Vec::new()), Vec::<usize>::new());
    }

    /// Merged runs are the runs' spans sorted, without repeats, for few spans and for many.
    #[test]
    fn merge_union_is_a_sort_without_repeats() {
        use crate::span::Span;
        let mut x = 7u32;
        for (n_runs, len) in [(0, 0), (1, 5), (3, 4), (5, 300), (8, 200)] {
            let runs: Vec<Vec<Span>> = (0..n_runs).map(|_| {
                let mut run: Vec<Span> = (0..len).map(|_| {
                    x = x.wrapping_mul(1103515245).wrapping_add(12345);
                    let start = (x >> 16) as usize % 2000;
                    Span::new(start, start + 1 + (x >> 8) as usize % 3)
                }).collect();
                run.sort();
                run.dedup();
                run
            }).collect();
            let mut want: Vec<Span> = runs.concat();
            want.sort();
            want.dedup();
            assert_eq!(merge_union(runs), want, "{n_runs} runs of {len}");
        }
    }

    #[test]
    fn moves_owned_items() {
        let mut v: Vec<String> = ["pear", "apple", "fig", "apple"].iter().map(|s| s.to_string()).collect();
        sort(&mut v);
        assert_eq!(v, ["apple", "apple", "fig", "pear"]);
    }
}
