//! One sort for the whole crate. Every `slice::sort_by` call with its own comparator
//! compiles the standard library's sort again (3–4 KB of wasm each, paid by every reader):
//! these helpers sort a list of indices through one shared instantiation, with the
//! comparator behind `dyn`, then move the items into that order. Stable, like `sort_by`.

use std::cmp::Ordering;

/// Sorts `v` by `cmp`; equal items keep their order (as `slice::sort_by`).
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let mut order: Vec<usize> = (0..v.len()).collect();
    sort_indices(&mut order, &mut |a, b| cmp(&v[a], &v[b]));
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

/// The crate's one comparison sort: indices, by `cmp`; stable (indices `cmp` finds equal keep
/// their order). A bottom-up merge sort rather than the standard library's: smaller wasm
/// (replacing it, with the highlights' radix sort, took 5.8 KB off the widget's module), fewer
/// comparisons (each a `dyn` call), and one comparison per pair of runs already in order, so
/// sorted input costs n.
#[inline(never)]
pub fn sort_indices(order: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    let n = order.len();
    let (mut from, mut to) = (order.to_vec(), vec![0; n]);
    let mut width = 1;
    while width < n {
        for lo in (0..n).step_by(2 * width) {
            let (mid, hi) = ((lo + width).min(n), (lo + 2 * width).min(n));
            merge(&from[lo..mid], &from[mid..hi], &mut to[lo..hi], cmp);
        }
        std::mem::swap(&mut from, &mut to);
        width *= 2;
    }
    order.copy_from_slice(&from);
}

/// `a` and `b`, each sorted, into `out`; on ties `a` first (stable).
fn merge(a: &[usize], b: &[usize], out: &mut [usize], cmp: &mut dyn FnMut(usize, usize) -> Ordering) {
    let (mut i, mut j) = (0, 0);
    if let (Some(&last), Some(&first)) = (a.last(), b.first()) {
        if cmp(last, first) == Ordering::Greater {
            while i < a.len() && j < b.len() {
                if cmp(b[j], a[i]) == Ordering::Less {
                    out[i + j] = b[j];
                    j += 1;
                } else {
                    out[i + j] = a[i];
                    i += 1;
                }
            }
        }
    }
    out[i + j..a.len() + j].copy_from_slice(&a[i..]);
    out[a.len() + j..].copy_from_slice(&b[j..]);
}

/// The stable sorted order of `keys`: `order[i]` is the index of the i-th smallest key, equal
/// keys in index order. A radix sort, a byte of the key per pass, skipping the bytes where all
/// keys agree. For tens of thousands of items (a 1 MB text's highlights) several times fewer
/// steps than the comparison sort through `dyn`.
#[inline(never)]
pub fn radix_order(keys: Vec<u64>) -> Vec<usize> {
    let mut keyed: Vec<(u64, usize)> = keys.into_iter().enumerate().map(|(i, k)| (k, i)).collect();
    // The bits where some key differs from the first.
    let first = keyed.first().map_or(0, |k| k.0);
    let varying = keyed.iter().fold(0, |bits, k| bits | (k.0 ^ first));
    let mut spare = vec![(0, 0); keyed.len()];
    for shift in (0..64).step_by(8).filter(|&shift| (varying >> shift) & 255 != 0) {
        let digit = |k: u64| (k >> shift) as usize & 255;
        let mut place = [0usize; 256];
        for &(k, _) in &keyed {
            place[digit(k)] += 1;
        }
        // Each digit's first place: the count of the smaller digits.
        let mut sum = 0;
        for p in place.iter_mut() {
            (*p, sum) = (sum, sum + *p);
        }
        for &item in &keyed {
            spare[place[digit(item.0)]] = item;
            place[digit(item.0)] += 1;
        }
        std::mem::swap(&mut keyed, &mut spare);
    }
    keyed.into_iter().map(|(_, i)| i).collect()
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
    fn radix_order_is_the_standard_stable_sort() {
        let mut x = 99u64;
        for n in [0usize, 1, 2, 5, 300, 5000] {
            for spread in [3u32, 17, 64] {
                let v: Vec<(u64, usize)> = (0..n)
                    .map(|i| {
                        x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                        // Keys from a few values to all 64 bits: equal keys and skipped bytes.
                        ((if spread == 64 { x } else { (x >> 40) % spread as u64 }) << (i % 3 * 8), i)
                    })
                    .collect();
                let ours: Vec<(u64, usize)> = radix_order(v.iter().map(|p| p.0).collect()).into_iter().map(|i| v[i]).collect();
                let mut std_sorted = v;
                std_sorted.sort_by_key(|p| p.0);
                assert_eq!(ours, std_sorted, "n = {n}, spread = {spread}");
            }
        }
    }

    #[test]
    fn moves_owned_items() {
        let mut v: Vec<String> = ["pear", "apple", "fig", "apple"].iter().map(|s| s.to_string()).collect();
        sort(&mut v);
        assert_eq!(v, ["apple", "apple", "fig", "pear"]);
    }
}
