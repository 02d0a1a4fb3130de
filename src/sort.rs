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

/// Sorts `v` by `cmp` as `sort_by` does, faster when `pack` gives every item a key of at
/// most 96 bits ordered as `cmp` orders the items (and `v` has under 2^32 items): then
/// plain integers are sorted, with no comparator call per comparison. `pack` returns
/// `None` for an item whose fields do not fit; then `cmp` sorts, with the same result.
pub fn sort_by_packed<T>(v: &mut [T], pack: impl Fn(&T) -> Option<u128>, cmp: impl FnMut(&T, &T) -> Ordering) {
    let keys: Option<Vec<u128>> = if v.len() <= u32::MAX as usize {
        // The position in the low bits: equal keys keep their order, as in a stable sort.
        v.iter().enumerate().map(|(i, x)| pack(x).filter(|&k| k >> 96 == 0).map(|k| k << 32 | i as u128)).collect()
    } else {
        None
    };
    let Some(mut keys) = keys else { return sort_by(v, cmp) };
    sort_u128(&mut keys);
    permute(v, keys.into_iter().map(|k| k as u32 as usize).collect());
}

/// The one instantiation of the standard sort for integers (see `sort_by_packed`).
#[inline(never)]
fn sort_u128(keys: &mut [u128]) {
    keys.sort_unstable();
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
    fn packed_keys_sort_as_the_comparator() {
        let mut x = 99u32;
        for n in [0usize, 1, 5, 100, 2000] {
            let v: Vec<(u32, u32)> = (0..n)
                .map(|_| {
                    x = x.wrapping_mul(1103515245).wrapping_add(12345);
                    ((x >> 16) % 13, (x >> 8) % 5)
                })
                .collect();
            let cmp = |a: &(u32, u32), b: &(u32, u32)| a.0.cmp(&b.0).then(b.1.cmp(&a.1));
            let mut packed = v.clone();
            sort_by_packed(&mut packed, |p| Some(u128::from(p.0) << 32 | u128::from(u32::MAX - p.1)), cmp);
            let mut general = v.clone();
            sort_by(&mut general, cmp);
            assert_eq!(packed, general, "n = {n}");
            // A key that does not fit falls back to the comparator.
            let mut fallback = v.clone();
            sort_by_packed(&mut fallback, |_| None, cmp);
            assert_eq!(fallback, general, "n = {n}");
        }
    }

    #[test]
    fn moves_owned_items() {
        let mut v: Vec<String> = ["pear", "apple", "fig", "apple"].iter().map(|s| s.to_string()).collect();
        sort(&mut v);
        assert_eq!(v, ["apple", "apple", "fig", "pear"]);
    }
}
