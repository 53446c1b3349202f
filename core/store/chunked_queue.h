// kubesim — ChunkedQueue: a first-in-first-out sequence (append at the back, drop from the
// front, index in between) whose elements never move, stored in chunks of N. std::deque does the
// same but holds one element per chunk once elements pass 256 bytes (libstdc++), which for the
// Events table meant one allocation per event; here a chunk holds N, and the chunk last emptied
// at the front is kept for the next one needed at the back.
#pragma once
#include <cstddef>
#include <deque>
#include <iterator>
#include <memory>
#include <new>
#include <utility>

namespace kubesim::store {

template <class T, size_t N = 64>
class ChunkedQueue {
  struct Chunk {
    alignas(T) unsigned char bytes[N * sizeof(T)];
    T* at(size_t i) { return std::launder(reinterpret_cast<T*>(bytes) + i); }
    const T* at(size_t i) const { return std::launder(reinterpret_cast<const T*>(bytes) + i); }
  };

 public:
  ChunkedQueue() = default;
  ChunkedQueue(const ChunkedQueue& o) {
    for (size_t i = 0; i < o.size_; ++i) emplace_back(o[i]);
  }
  ChunkedQueue& operator=(const ChunkedQueue& o) {
    if (this != &o) {
      ChunkedQueue copy(o);
      swap(copy);
    }
    return *this;
  }
  ChunkedQueue(ChunkedQueue&& o) noexcept { swap(o); }
  ChunkedQueue& operator=(ChunkedQueue&& o) noexcept {
    if (this != &o) {
      clear();
      swap(o);
    }
    return *this;
  }
  ~ChunkedQueue() { clear(); }

  void swap(ChunkedQueue& o) noexcept {
    chunks_.swap(o.chunks_);
    std::swap(head_, o.head_);
    std::swap(size_, o.size_);
    spare_.swap(o.spare_);
  }

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](size_t i) { const size_t j = head_ + i; return *chunks_[j / N]->at(j % N); }
  const T& operator[](size_t i) const { const size_t j = head_ + i; return *chunks_[j / N]->at(j % N); }
  T& front() { return (*this)[0]; }
  const T& front() const { return (*this)[0]; }

  template <class... A> T& emplace_back(A&&... a) {
    const size_t j = head_ + size_;
    if (j / N == chunks_.size()) chunks_.push_back(spare_ ? std::move(spare_) : std::make_unique<Chunk>());
    T* p = ::new (static_cast<void*>(chunks_[j / N]->at(j % N))) T(std::forward<A>(a)...);
    ++size_;
    return *p;
  }
  void pop_front() {
    chunks_.front()->at(head_)->~T();
    --size_;
    if (++head_ == N || size_ == 0) {
      // The front chunk is empty now (or the queue is): keep one chunk for reuse.
      if (size_ == 0 && head_ != N) {
        head_ = 0;  // the back chunk is the front one: start it over
        return;
      }
      spare_ = std::move(chunks_.front());
      chunks_.pop_front();
      head_ = 0;
    }
  }
  void clear() {
    while (size_ > 0) pop_front();
    chunks_.clear();
    head_ = 0;
  }

  template <bool Const>
  class Iter {
    using Q = std::conditional_t<Const, const ChunkedQueue, ChunkedQueue>;

   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = std::conditional_t<Const, const T*, T*>;
    using reference = std::conditional_t<Const, const T&, T&>;
    Iter(Q* q, size_t i) : q_(q), i_(i) {}
    reference operator*() const { return (*q_)[i_]; }
    pointer operator->() const { return &(*q_)[i_]; }
    Iter& operator++() { ++i_; return *this; }
    bool operator==(const Iter& o) const { return i_ == o.i_; }
    bool operator!=(const Iter& o) const { return i_ != o.i_; }

   private:
    Q* q_;
    size_t i_;
  };
  Iter<false> begin() { return {this, 0}; }
  Iter<false> end() { return {this, size_}; }
  Iter<true> begin() const { return {this, 0}; }
  Iter<true> end() const { return {this, size_}; }

 private:
  std::deque<std::unique_ptr<Chunk>> chunks_;
  size_t head_ = 0;  // index of the front element in chunks_.front()
  size_t size_ = 0;
  std::unique_ptr<Chunk> spare_;
};

}  // namespace kubesim::store
